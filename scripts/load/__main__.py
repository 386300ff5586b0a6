"""`make load`: gunicorn under load at 10 and 50 users, then PostgreSQL restarted during a run.

It prepares a PostgreSQL cluster and database of its own, starts gunicorn with production
settings, drives it from Locust in a second process, and prints a summary. It exits 1 if a
promise is broken: a failed request outside the outage; /healthz not answering 503 while the
database is down; the service not answering within 5 seconds of the database's return; or an
acknowledged section save missing from the database afterwards.

    python -m scripts.load [--quick] [--topology] [--help]

With --topology it runs two app servers behind haproxy instead (scripts/load/topology.py).
"""

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from scripts.load import fault, prepare, summary
from scripts.load.postgres import Cluster
from scripts.load.runs import Plan, Run, locust_config, plan
from scripts.load.server import Gunicorn, HealthPoller, app_environment, free_port


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="make load", description=__doc__.split("\n\n")[0])
    add = parser.add_argument
    add("--quick", action="store_true", help="15-second runs and less data, to try it out")
    add(
        "--topology",
        action="store_true",
        help="two gunicorn servers behind haproxy with Redis and the email worker instead "
        "(scripts/load/topology.py); --seconds, --fault-* and --outage apply to its runs",
    )
    add("--topology-users", type=int, default=50, help="users of its throughput runs (50)")
    add("--users", default="10,50", help="concurrent users of each load run (default 10,50)")
    add("--seconds", type=int, default=60, help="length of each load run (default 60)")
    add("--fault-users", type=int, default=20, help="users during the restart (default 20)")
    add("--fault-seconds", type=int, default=60, help="length of the restart run (default 60)")
    add("--fault-at", type=float, default=20, help="seconds into it to stop PostgreSQL (20)")
    add("--outage", type=float, default=10, help="seconds PostgreSQL stays down (default 10)")
    add(
        "--stop-mode",
        default="fast",
        choices=["fast", "immediate"],
        help="fast: a clean restart (default); immediate: like a crash, with WAL replay",
    )
    add("--think", default="0.5,1.5", help="each user's pause between actions, s (0.5,1.5)")
    add("--interventions", type=int, default=2000, help="synthetic interventions (2000)")
    add("--studies", type=int, default=5000, help="synthetic studies (5000)")
    add("--workers", type=int, default=0, help="gunicorn workers (default: gunicorn.conf.py's)")
    add("--max-requests", type=int, default=50_000, help="bound on requests per run (50000)")
    add(
        "--workdir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "evidence-load",
        help="where the PostgreSQL cluster, logs and records are kept",
    )
    add("--pg-bin", default="", help="directory of initdb and pg_ctl (default: newest found)")
    add(
        "--app-env",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a setting for the app, to try one out (e.g. DATABASE_POOL_TIMEOUT=1); repeatable",
    )
    args = parser.parse_args()
    if args.quick:
        args.seconds, args.fault_users, args.fault_seconds = 15, 10, 30
        args.fault_at, args.outage, args.interventions, args.studies = 8, 8, 500, 1000
    return args


def main() -> int:
    args = arguments()
    if args.topology:
        from scripts.load import topology

        return topology.main(args)
    loads = [plan(f"load-{n}", int(n), args.seconds) for n in args.users.split(",")]
    restart = plan("restart", args.fault_users, args.fault_seconds)
    outdir = args.workdir / "last-run"
    shutil.rmtree(outdir, ignore_errors=True)
    outdir.mkdir(parents=True)
    cluster = Cluster(args.workdir, free_port(), args.pg_bin)
    gunicorn, runs = None, []
    try:
        say(f"PostgreSQL {cluster.bindir.parts[-2]}: a cluster of the run's own in {cluster.data}")
        cluster.ensure()
        cluster.start()
        database = cluster.recreate_database("evidence_load")
        workers = args.workers or (os.cpu_count() or 1) * 2 + 1  # gunicorn.conf.py's default
        env = app_environment(
            database_url=database,
            media_root=outdir / "media",
            workers=args.workers,
            extra=dict(setting.split("=", 1) for setting in args.app_env),
        )
        say("Migrating, collecting static files and loading the demo content")
        prepare.install_schema_and_demo(env)
        prepare.start_django(env)
        from scripts.load import data, saves  # they use the app's models: only now

        say(f"Adding {args.interventions:,} interventions, {args.studies:,} studies, accounts")
        data.make_evidence(args.interventions, args.studies)
        accounts = data.make_accounts([*loads, restart])
        site = data.site_map()
        prepare.release_connections()
        cluster.checkpoint()
        gunicorn = Gunicorn(env, outdir / "gunicorn.log")
        say(f"gunicorn (pid {gunicorn.pid}, {workers} workers) on {gunicorn.url}")

        def start(run: Plan) -> Run:
            config = locust_config(
                run,
                origin=f"https://127.0.0.1:{gunicorn.port}",
                think=args.think,
                max_requests=args.max_requests,
                accounts=accounts,
                site=site,
            )
            return Run(run, gunicorn.url, outdir, config)

        results = {}
        for load in loads:
            say(f"Load: {load.users} users for {load.seconds} s")
            runs.append(start(load))
            results[load.name] = runs[-1].finish()

        say(
            f"Restart: {restart.users} users; PostgreSQL stopped ({args.stop_mode}) "
            f"{args.fault_at:g} s in, started again {args.outage:g} s later"
        )
        timeouts_before = gunicorn.log_lines("WORKER TIMEOUT")
        poller = HealthPoller(gunicorn.url)
        poller.start()
        runs.append(start(restart))
        outage = restart_database(cluster, args)
        results[restart.name] = runs[-1].finish()
        poller.stop()
        (outdir / restart.name / "outage.json").write_text(
            json.dumps({"outage": vars(outage), "polls": [vars(p) for p in poller.polls]}),
            encoding="utf-8",
        )
        findings = fault.analyse(outage, results[restart.name], poller.polls)
        findings += [
            fault.Finding(
                "gunicorn restarted", "no" if gunicorn.alive() else "yes", "no", gunicorn.alive()
            ),
            fault.Finding(
                "gunicorn worker timeouts in the restart run",
                str(gunicorn.log_lines("WORKER TIMEOUT") - timeouts_before),
                "",
                None,
            ),
        ]
        say("Re-reading every acknowledged section save from the database")
        check = saves.verify(saves.read_saves([r.saves for r in runs]), before=outage.stop_asked)
        findings += saves.findings(check)
        conditions = (
            f"{workers} gunicorn sync workers, Locust on the same machine, think time "
            f"{args.think} s, {args.interventions:,} synthetic interventions"
            + "".join(f", {setting}" for setting in args.app_env)
        )
        broken = summary.summarise(
            conditions=conditions,
            loads=loads,
            restart=restart,
            results=results,
            load_averages={r.plan.name: r.load_average for r in runs},
            outage=outage,
            findings=findings,
        )
    finally:
        for run in runs:
            run.stop()
        if gunicorn:
            gunicorn.stop()
        if cluster.running():
            cluster.stop("fast")
    return summary.finish(outdir, broken, failed="Broken promises", passed="Every promise kept.")


def restart_database(cluster: Cluster, args: argparse.Namespace) -> fault.Outage:
    """Stop PostgreSQL `fault_at` seconds into the run, and start it `outage` seconds later."""
    time.sleep(args.fault_at)
    stop_asked = time.time()
    cluster.stop(args.stop_mode)
    down = time.time()
    time.sleep(args.outage)
    start_asked = time.time()
    back = cluster.start()
    return fault.Outage(stop_asked, down, start_asked, back)


def say(text: str) -> None:
    summary.out(f"[{time.strftime('%H:%M:%S')}] {text}")
    sys.stdout.flush()


if __name__ == "__main__":
    sys.exit(main())
