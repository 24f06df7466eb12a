"""`python -m brandaudit.crawler.distributed`: one worker's crawl (job JSON on stdin)."""

import sys

from brandaudit.crawler.distributed.worker import main

if __name__ == "__main__":
    sys.exit(main())
