"""`python -m brandaudit.crawler RUN_DIR`: the crawl child started by `run.run_crawl`."""

import sys
from pathlib import Path

from brandaudit.crawler.run import crawl_in_this_process

if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m brandaudit.crawler RUN_DIR  (CrawlOptions pickled on stdin)")
    sys.exit(crawl_in_this_process(Path(sys.argv[1])))
