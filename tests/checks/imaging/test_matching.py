"""Fingerprints, the vectorised matcher and the hash cache, on logos drawn here."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter

from brandaudit.checks.imaging.fingerprints import Fingerprint
from brandaudit.checks.imaging.fingerprints.hash_cache import HashCache, default_cache_path
from brandaudit.checks.imaging.matching import ReferenceIndex, ReferenceLogo
from brandaudit.checks.imaging.matching.verify import PlainShapeTest
from brandaudit.checks.imaging.references import fingerprint_reference
from tests.checks.imaging.conftest import cut_sides, flattened, query_fingerprint


def _logo(seed: int, colour=(11, 95, 255)) -> Image.Image:
    """A distinct random mark per seed: a few boxes and ellipses on transparency."""
    rng = np.random.default_rng(seed)
    image = Image.new("RGBA", (240, 120), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    for _ in range(5):
        x, y = rng.integers(0, 180), rng.integers(0, 80)
        w, h = rng.integers(20, 60), rng.integers(15, 40)
        shape = draw.rectangle if rng.random() < 0.5 else draw.ellipse
        shape((x, y, x + w, y + h), fill=(*colour, 255))
    return image


@pytest.fixture(scope="module")
def index() -> ReferenceIndex:
    refs = [
        ReferenceLogo(f"logo{i}", "approved", fingerprint_reference(_logo(i), 240, 120))
        for i in range(40)
    ]
    return ReferenceIndex(refs)


@pytest.mark.parametrize(
    "variant",
    [
        lambda im: im,
        lambda im: flattened(im, (255, 255, 255)),
        lambda im: flattened(im, (0, 0, 0)),
        lambda im: flattened(im, (128, 128, 128)),
        lambda im: im.resize((60, 30), Image.Resampling.LANCZOS),
        lambda im: flattened(im.resize((600, 300), Image.Resampling.LANCZOS), (255, 255, 255)),
        lambda im: flattened(im.crop((-40, -40, 280, 160)), (255, 255, 255)),  # padded
    ],
    ids=["transparent", "white", "black", "grey", "small", "large", "padded"],
)
def test_each_logo_is_found_among_many_as_the_web_shows_it(index, variant) -> None:
    for seed in (3, 17, 31):
        match = index.match(query_fingerprint(variant(_logo(seed))))
        assert match is not None and match.logo == f"logo{seed}"
        assert match.verdict == "faithful", match


def test_unrelated_marks_match_nothing(index) -> None:
    misses = [
        index.match(query_fingerprint(flattened(_logo(seed), (255, 255, 255))))
        for seed in range(100, 110)
    ]
    assert misses == [None] * 10


def test_recoloured_copy_is_altered(index) -> None:
    match = index.match(query_fingerprint(_logo(5, colour=(230, 40, 40))))
    assert match is not None and match.logo == "logo5"
    assert (match.verdict, match.reason) == ("altered", "recoloured")


def test_white_version_on_dark_is_not_a_recolouring(index) -> None:
    match = index.match(
        query_fingerprint(flattened(_logo(5, colour=(255, 255, 255)), (10, 31, 68)))
    )
    assert match is not None and match.logo == "logo5" and match.verdict == "faithful"


def test_stretched_file_is_altered(index) -> None:
    stretched = _logo(9).resize((480, 120), Image.Resampling.LANCZOS)
    match = index.match(query_fingerprint(stretched))
    assert match is not None and match.logo == "logo9"
    assert match.reason == "stretched"


def test_blank_image_matches_nothing(index) -> None:
    assert index.match(query_fingerprint(Image.new("RGBA", (50, 50), (0, 0, 0, 0)))) is None
    assert index.match(query_fingerprint(Image.new("RGB", (50, 50), "white"))) is None


def test_fingerprint_survives_serialisation() -> None:
    fp = query_fingerprint(_logo(1))
    back = Fingerprint.from_bytes(fp.to_bytes())
    assert np.array_equal(back.bits, fp.bits) and np.array_equal(back.sides, fp.sides)
    assert (back.width, back.height) == (240, 120)


def test_hash_cache_round_trip_and_off(tmp_path, monkeypatch) -> None:
    cache = HashCache(tmp_path / "c.sqlite")
    fp = query_fingerprint(_logo(2))
    cache.put("a" * 64, fp)
    cache.put("b" * 64, "not an image")
    cache.close()
    reopened = HashCache(tmp_path / "c.sqlite")
    got = reopened.get("a" * 64)
    assert isinstance(got, Fingerprint) and np.array_equal(got.bits, fp.bits)
    assert reopened.get("b" * 64) == "not an image"
    assert reopened.get("c" * 64) is None
    reopened.close()

    monkeypatch.setenv("BRANDAUDIT_CACHE", "off")
    assert default_cache_path() is None
    disabled = HashCache()
    disabled.put("a" * 64, fp)
    assert not disabled.enabled and disabled.get("a" * 64) is None
    monkeypatch.setenv("BRANDAUDIT_CACHE", str(tmp_path / "env.sqlite"))
    assert default_cache_path() == tmp_path / "env.sqlite"


def test_unusable_cache_path_is_skipped(tmp_path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    cache = HashCache(blocker / "sub" / "c.sqlite")
    assert not cache.enabled
    cache.put("a" * 64, "reason")  # no crash


def _plate(colour=(200, 30, 30)) -> Image.Image:
    """An app-icon style logo: a rounded plate with a triangle and a bar cut out of it."""
    image = Image.new("RGBA", (200, 200), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, 199, 199), radius=40, fill=(*colour, 255))
    draw.polygon([(70, 50), (70, 150), (150, 100)], fill=(0, 0, 0, 0))
    draw.rectangle((30, 165, 120, 180), fill=(0, 0, 0, 0))
    return image


def test_a_copy_cut_at_its_edges_is_found_and_called_cropped(index) -> None:
    for seed in (3, 17, 31):
        logo = _logo(seed)
        box = logo.getchannel("A").getbbox()
        cut = cut_sides(logo.crop(box), 0.03, 0.025, 0.035, 0.03)
        match = index.match(query_fingerprint(flattened(cut, (255, 255, 255))))
        assert match is not None and match.logo == f"logo{seed}"
        assert (match.verdict, match.reason) == ("altered", "cropped"), match


def test_uncropped_copies_are_not_called_cropped(index) -> None:
    for seed in (3, 17, 31):
        match = index.match(query_fingerprint(flattened(_logo(seed), (255, 255, 255))))
        assert match is not None and match.reason is None


def test_a_plate_logo_printed_reversed_is_the_same_logo() -> None:
    refs = [ReferenceLogo("plate", "approved", fingerprint_reference(_plate(), 200, 200))]
    refs += [
        ReferenceLogo(f"logo{i}", "approved", fingerprint_reference(_logo(i), 240, 120))
        for i in range(10)
    ]
    index = ReferenceIndex(refs)
    # White plate on the plate's own colour: the cut-outs now show the background.
    reversed_ = flattened(_plate(colour=(255, 255, 255)), (200, 30, 30))
    match = index.match(query_fingerprint(reversed_))
    assert match is not None and match.logo == "plate" and match.verdict == "faithful", match


def test_a_logo_padded_far_into_a_large_canvas_keeps_its_detail(index) -> None:
    for seed in (3, 17, 31):
        logo = _logo(seed)
        canvas = Image.new("RGBA", (1200, 900), (0, 0, 0, 0))
        canvas.alpha_composite(logo, (480, 390))
        match = index.match(query_fingerprint(flattened(canvas, (255, 255, 255))))
        assert match is not None and match.logo == f"logo{seed}" and match.verdict == "faithful"


def _index_of(ours: Image.Image) -> ReferenceIndex:
    """A guideline with one approved logo, "ours"."""
    return ReferenceIndex(
        [ReferenceLogo("ours", "approved", fingerprint_reference(ours, *ours.size))]
    )


def _assert_ours_is_found(index: ReferenceIndex, ours: Image.Image, small: tuple[int, int]) -> None:
    """Our own logo is still found: as it is, flattened on white and favicon-sized."""
    for copy in (
        ours,
        flattened(ours, (255, 255, 255)),
        ours.resize(small, Image.Resampling.LANCZOS),
    ):
        match = index.match(query_fingerprint(copy))
        assert match is not None and match.logo == "ours", match


def test_a_similar_silhouette_in_other_colours_is_someone_else() -> None:
    """Two round badges with different insides: the shapes are close, the colours are not."""

    def badge(colour, inside) -> Image.Image:
        image = Image.new("RGBA", (200, 200), (0, 0, 0, 0))
        draw = ImageDraw.Draw(image)
        draw.ellipse((0, 0, 199, 199), fill=(*colour, 255))
        inside(draw)
        return image

    ours = badge((20, 110, 240), lambda d: d.ellipse((110, 30, 160, 80), fill=(0, 0, 0, 0)))
    theirs = badge(
        (250, 200, 0), lambda d: d.polygon([(60, 50), (60, 150), (140, 100)], fill=(30, 30, 30))
    )
    index = _index_of(ours)
    distance = int(index.distances(query_fingerprint(theirs))[0][0])
    assert distance > 40  # loose in shape, so only the colours can tell
    assert index.match(query_fingerprint(theirs)) is None
    recoloured = index.match(
        query_fingerprint(
            badge((250, 200, 0), lambda d: d.ellipse((110, 30, 160, 80), fill=(0, 0, 0, 0)))
        )
    )
    assert recoloured is not None and recoloured.reason == "recoloured"


def test_hash_cache_keeps_every_entry_written_between_commits(tmp_path) -> None:
    cache = HashCache(tmp_path / "c.sqlite")
    fp = query_fingerprint(_logo(2))
    for i in range(450):  # more than one commit batch, and a partial batch at the end
        cache.put(f"{i:064d}", fp if i % 2 else f"reason {i}")
    cache.close()
    reopened = HashCache(tmp_path / "c.sqlite")
    assert reopened.get(f"{449:064d}") is not None
    assert reopened.get(f"{448:064d}") == "reason 448"
    assert all(reopened.get(f"{i:064d}") is not None for i in range(0, 450, 37))
    reopened.close()


def _disc_logo(colour: tuple[int, int, int], notch: bool = True) -> Image.Image:
    """A brand mark that is nearly a plain disc: a filled circle with a small bite out of it."""
    image = Image.new("RGBA", (200, 200), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((0, 0, 199, 199), fill=(*colour, 255))
    if notch:
        draw.ellipse((120, 120, 150, 150), fill=(0, 0, 0, 0))
    return image


@pytest.fixture(scope="module")
def disc_index() -> ReferenceIndex:
    refs = [
        ReferenceLogo("disc", "approved", fingerprint_reference(_disc_logo((240, 90, 0)), 200, 200))
    ]
    refs += [
        ReferenceLogo(f"logo{i}", "approved", fingerprint_reference(_logo(i), 240, 120))
        for i in range(10)
    ]
    return ReferenceIndex(refs)


def test_a_plain_disc_in_other_colours_is_not_a_nearly_plain_logo(disc_index) -> None:
    """Another brand's plain disc has the outline of our disc-like mark: no evidence."""
    for colour in ((20, 110, 240), (30, 160, 60)):
        other = flattened(_disc_logo(colour, notch=False), (255, 255, 255))
        assert disc_index.match(query_fingerprint(other)) is None


def test_a_nearly_plain_logo_in_its_own_colours_is_still_found(disc_index) -> None:
    for variant in (
        _disc_logo((240, 90, 0)),
        flattened(_disc_logo((240, 90, 0)), (255, 255, 255)),
        _disc_logo((240, 90, 0)).resize((48, 48), Image.Resampling.LANCZOS),
    ):
        match = disc_index.match(query_fingerprint(variant))
        assert match is not None and match.logo == "disc", match


def _photo(seed: int) -> Image.Image:
    """A photo-like picture: smooth colour noise, a noisy gradient sky or blurred blobs, JPEG."""
    rng = np.random.default_rng(seed)
    kind = seed % 3
    if kind == 0:
        base = (rng.random((31, 41, 3)) * 255).astype(np.uint8)
        image = Image.fromarray(base).resize((320, 240), Image.Resampling.BICUBIC)
    elif kind == 1:
        y = np.linspace(0, 1, 240)[:, None, None]
        top, bottom = rng.random(3) * 255, rng.random(3) * 255
        pixels = top * (1 - y) + bottom * y + rng.normal(0, 6, (240, 320, 3))
        image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    else:
        image = Image.new("RGB", (320, 240), tuple(int(v) for v in rng.integers(0, 255, 3)))
        draw = ImageDraw.Draw(image)
        for _ in range(12):
            x, y = rng.integers(0, 320), rng.integers(0, 240)
            box = (x, y, x + rng.integers(10, 320), y + rng.integers(10, 240))
            draw.ellipse(box, fill=tuple(int(v) for v in rng.integers(0, 255, 3)))
        image = image.filter(ImageFilter.GaussianBlur(3))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return Image.open(io.BytesIO(buffer.getvalue()))


def test_photos_framed_like_a_plate_logo_match_nothing() -> None:
    """A plate logo (a square filled with a colour gradient, as app icons are) looks, to the
    shape hashes, like any picture that fills its frame; only its colours can confirm it."""
    t = np.add.outer(np.linspace(0, 0.5, 200), np.linspace(0, 0.5, 200))[..., None]
    fill = np.asarray([40, 60, 220]) * (1 - t) + np.asarray([140, 70, 240]) * t
    plate = Image.fromarray(fill.astype(np.uint8)).convert("RGBA")
    index = ReferenceIndex(
        [ReferenceLogo("plate", "approved", fingerprint_reference(plate, 200, 200))]
    )
    assert (
        index.match(query_fingerprint(flattened(plate, (255, 255, 255)))) is not None
    )  # the logo itself
    matched = [
        seed for seed in range(150) if index.match(query_fingerprint(_photo(seed))) is not None
    ]
    assert matched == []


def _badge(inside) -> Image.Image:
    """A dark disc with a white drawing painted inside it (opaque: the alpha is a bare disc)."""
    image = Image.new("RGBA", (240, 240), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((0, 0, 239, 239), fill=(30, 30, 35, 255))
    inside(draw)
    return image


def test_another_drawing_in_the_same_disc_and_colours_is_someone_else() -> None:
    """The outline (a disc) and the colours agree, so only the drawing inside can tell."""
    ours = _badge(lambda d: d.polygon([(84, 60), (84, 180), (180, 120)], fill="white"))
    index = _index_of(ours)
    theirs = _badge(
        lambda d: [d.rectangle((53, 72 + 36 * i, 187, 86 + 36 * i), fill="white") for i in range(3)]
    )
    assert index.match(query_fingerprint(theirs)) is None
    _assert_ours_is_found(index, ours, (64, 64))


def test_a_mark_in_other_proportions_and_other_colours_is_someone_else(index) -> None:
    """Stretched and recoloured at once: a similar mark of another brand, not ours twice
    altered (the stretched copy in our own colours is test_stretched_file_is_altered)."""
    other = _logo(9, colour=(230, 40, 40)).resize((480, 120), Image.Resampling.LANCZOS)
    assert index.match(query_fingerprint(other)) is None


def _hexagon_badge(plate: tuple[int, int, int], inside) -> Image.Image:
    """A hexagon badge (opaque: its alpha is a bare hexagon) with a drawing painted on it."""
    image = Image.new("RGBA", (208, 240), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.polygon([(104, 0), (207, 60), (207, 180), (104, 239), (0, 180), (0, 60)], fill=plate)
    inside(draw)
    return image


def test_another_hexagon_badge_in_other_colours_is_someone_else() -> None:
    """A hexagon outline is any badge: its silhouette matching ours is no evidence."""
    ours = _hexagon_badge((220, 40, 60), lambda d: d.ellipse((64, 80, 144, 160), fill="white"))
    index = _index_of(ours)
    theirs = _hexagon_badge(
        (240, 200, 30), lambda d: d.polygon([(60, 170), (104, 60), (148, 170)], fill="black")
    )
    assert index.match(query_fingerprint(theirs)) is None
    _assert_ours_is_found(index, ours, (52, 60))


def _family_plate(lines: list[tuple[int, int, int, int]]) -> Image.Image:
    """One of a family of icons: the same purple plate, a different white line drawing."""
    image = Image.new("RGBA", (240, 240), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, 239, 239), radius=24, fill=(120, 60, 220, 255))
    for line in lines:
        draw.line(line, fill="white", width=20)
    return image


def test_a_match_as_near_another_logo_of_the_guideline_is_ambiguous() -> None:
    """rivals(): a loose match with a different logo almost as near is taken for neither,
    but two colour versions of one logo (alike shapes) are no rivals."""
    first = _family_plate([(40, 60, 200, 60), (40, 120, 200, 120), (40, 180, 200, 180)])
    second = _family_plate([(60, 40, 60, 200), (120, 40, 120, 200), (180, 40, 180, 200)])
    white = flattened(first, (255, 255, 255)).convert("RGBA")  # same shape, other colours
    index = ReferenceIndex(
        [
            ReferenceLogo(name, "approved", fingerprint_reference(im, 240, 240))
            for name, im in (("first", first), ("second", second), ("first-white", white))
        ]
    )
    assert index.logo_gap(0, 1) > 60 and index.logo_gap(0, 2) < 20
    loose = 50
    assert index.rivals(np.asarray([loose, loose + 5, 1280]), 0) == [1]
    assert index.rivals(np.asarray([loose, 1280, loose + 1]), 0) == []  # a colour version
    assert index.rivals(np.asarray([loose, loose + 40, 1280]), 0) == []  # clearly nearer
    assert index.rivals(np.asarray([10, 12, 1280]), 0) == []  # a close match is no doubt
    for name, im in (("first", first), ("second", second)):
        match = index.match(query_fingerprint(im))
        assert match is not None and match.logo in (name, f"{name}-white"), match


def _frame(colour: tuple[int, int, int]) -> Image.Image:
    """A bare thick rectangular frame: its copy cut at the edges is a featureless map."""
    image = Image.new("RGBA", (400, 480), (*colour, 255))
    ImageDraw.Draw(image).rectangle((100, 96, 299, 383), fill=(0, 0, 0, 0))
    return image


def test_a_featureless_match_through_cut_views_is_no_evidence() -> None:
    """The cut views (a logo cut 3 % at every side) of a bare frame are featureless maps, as
    is a gradient photo: a match through them needs the logo's colours, as a plain shape
    does (the whole plain shapes are 30 bits from such a photo, their cut copies 0)."""
    gradient = PlainShapeTest(query_fingerprint(_photo(4)))
    assert gradient.shape_is_evidence(0)
    assert not gradient.shape_is_evidence(0, cut=True)
    frame = _frame((20, 20, 20))
    index = ReferenceIndex(
        [ReferenceLogo("frame", "approved", fingerprint_reference(frame, 400, 480))]
    )
    matched = [
        seed for seed in range(60) if index.match(query_fingerprint(_photo(seed))) is not None
    ]
    assert matched == []
    padded = flattened(frame.crop((-60, -60, 460, 540)), (255, 255, 255))
    for copy in (frame, padded, padded.resize((65, 75), Image.Resampling.LANCZOS)):
        match = index.match(query_fingerprint(copy))
        assert match is not None and match.logo == "frame", match


def _star(colour: tuple[int, int, int], inner: float) -> Image.Image:
    """A filled five-pointed star; `inner` is the radius of its inner corners."""
    image = Image.new("RGBA", (240, 240), (0, 0, 0, 0))
    corners = [
        (
            120 + 119 * (inner if k % 2 else 1.0) * np.cos(-np.pi / 2 + k * np.pi / 5),
            126 + 119 * (inner if k % 2 else 1.0) * np.sin(-np.pi / 2 + k * np.pi / 5),
        )
        for k in range(10)
    ]
    ImageDraw.Draw(image).polygon(corners, fill=(*colour, 255))
    return image


def test_another_brands_star_in_other_colours_is_someone_else() -> None:
    """A five-pointed star is any rating or review mark: its outline matching ours is no
    evidence, only our colours are."""
    ours = _star((30, 180, 110), 0.42)
    index = _index_of(ours)
    assert (
        index.match(query_fingerprint(flattened(_star((220, 20, 40), 0.38), (255, 255, 255))))
        is None
    )
    _assert_ours_is_found(index, ours, (48, 48))
