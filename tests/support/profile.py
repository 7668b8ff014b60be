"""How wide the matrices run: the suite's slice (./scripts/test), or the nightly breadth.

A matrix (faults × steps × modes, flows × renderings × seeds, flows × languages) runs in the
suite as a slice chosen so that each of its values is met at least once, and runs whole in the
nightly profile. `AUTOMATOR_NIGHTLY=1 ./scripts/test` is that profile (the nightly CI job); a
matrix's own variable widens that one alone:

    AUTOMATOR_FULL_MATRIX=1      every fault at every step in every mode (test_fault_matrix)
    AUTOMATOR_ALL_SEEDS=1        every flow on every rendering and in every language, plain and
                                 under eight scramble seeds (test_renderings, test_languages,
                                 test_check)
    AUTOMATOR_PROPERTY_EXAMPLES  examples a part of the approval property (test_approval_property)
"""

from __future__ import annotations

import os

NIGHTLY_ENV = "AUTOMATOR_NIGHTLY"
NIGHTLY_PROPERTY_EXAMPLES = 25


def _switched_on(name: str) -> bool:
    """Whether a profile variable is set to 1 (any other value, 0 too, leaves it off)."""
    return os.environ.get(name) == "1"


def nightly() -> bool:
    """Whether the whole nightly profile is asked for."""
    return _switched_on(NIGHTLY_ENV)


def full_matrix() -> bool:
    return nightly() or _switched_on("AUTOMATOR_FULL_MATRIX")


def all_seeds() -> bool:
    return nightly() or _switched_on("AUTOMATOR_ALL_SEEDS")


def property_examples(suite: int) -> int:
    """Examples a part of the approval property: `suite` in the suite, more at night."""
    given = os.environ.get("AUTOMATOR_PROPERTY_EXAMPLES")
    if given:
        return int(given)
    return NIGHTLY_PROPERTY_EXAMPLES if nightly() else suite
