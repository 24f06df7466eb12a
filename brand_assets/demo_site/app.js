// A single-page application: everything below exists only once JavaScript has run, so a
// plain crawl sees an empty shell and only a rendered audit finds what is planted here.
(function () {
  const root = document.getElementById("root");
  root.innerHTML = `
    <header>
      <a href="/"><img src="/img/logo-horizontal.png" alt="NovaBridge" style="width:160px;height:80px"></a>
      <nav><a href="/index.html">Home</a></nav>
    </header>
    <main>
      <h1>Welcome to Novabridge Cloud</h1>
      <p>Your bridges, your teams, one place.</p>
      <p class="promo">Spring offer: two months free for new teams.</p>
      <button class="btn btn-offer">Start the free trial</button>
    </main>`;
})();
