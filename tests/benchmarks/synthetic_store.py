"""The synthetic store the benchmarks measure, grown in steps, with each step's time recorded."""

import time

from django.db import connection

from evidence_store import content_version
from tests.benchmarks.conftest import record
from tests.benchmarks.synthetic import make_interventions, make_studies

STUDIES = 20_000


class SyntheticStore:
    """The committed synthetic data, grown in steps; each step's generation time is recorded."""

    def __init__(self) -> None:
        self.size = 0
        # Wall and CPU timings of each search by (search, number of interventions).
        self.searches: dict[tuple[str, int], tuple[list[float], list[float]]] = {}

    def grow_to(self, size: int) -> None:
        started = time.perf_counter()
        make_interventions(size - self.size, start=self.size)
        if not self.size:
            make_studies(STUDIES)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        # bulk_create and COPY send no signals: say the evidence changed, as an edit would.
        content_version.bump()
        seconds = time.perf_counter() - started
        added, self.size = size - self.size, size
        what = f"{size:,} interventions, {size * 6:,} ratings"
        if added == size:
            what += f", {STUDIES:,} studies"
        record(
            "Data",
            what,
            f"{seconds:.1f} s",
            f"to generate {added:,} interventions ({added / seconds:,.0f} a second) and VACUUM ANALYZE",
        )
