"""brandaudit: audit a brand's consistency across its touchpoints.

The thin application layer: command line, orchestration, policy (exit code), history.
"""

__version__ = "0.1.0"
