"""`make load LOAD_ARGS=--topology`: two app servers behind haproxy, sharing Redis, PostgreSQL
and the uploads directory, with the email worker sending to an SMTP server of the run's own.

It shows that a session, the sign-in counts and an upload cross from one server to the other;
measures the same load through haproxy with one server in rotation and with two; kills one
server mid-run and re-reads every acknowledged save; and stops the email worker mid-run and
checks that every email queued arrives exactly once. It exits 1 if any check fails.
"""

import argparse
import os
import shutil
import sys
import time

from scripts.load import prepare, summary
from scripts.load.haproxy import HAProxy
from scripts.load.postgres import Cluster
from scripts.load.processes import EmailWorker, Redis, kill_server
from scripts.load.runs import Plan, Run, locust_config, plan
from scripts.load.server import Gunicorn, app_environment, free_port

HOST = "127.0.0.1"  # ALLOWED_HOSTS of the run, and the Host of haproxy's health checks
SIGNUP_USERS = 5  # in the worker run: each signs up about once a second, queuing an email


def main(args: argparse.Namespace) -> int:
    outdir = args.workdir / "last-run"
    shutil.rmtree(outdir, ignore_errors=True)
    outdir.mkdir(parents=True)
    throughput = [
        plan("one-server", args.topology_users, args.seconds),
        plan("two-servers", args.topology_users, args.seconds),
    ]
    stop = plan("worker", args.fault_users, args.fault_seconds)
    kill = plan("kill", args.fault_users, args.fault_seconds)
    cluster = Cluster(args.workdir, free_port(), args.pg_bin)
    started: list = []  # everything to stop at the end, last started first
    runs: list[Run] = []
    findings, broken = [], []
    try:
        say(f"PostgreSQL {cluster.bindir.parts[-2]}: a cluster of the run's own in {cluster.data}")
        cluster.ensure()
        cluster.start()
        database = cluster.recreate_database("evidence_load")
        redis = Redis(outdir / "redis.log")
        started.append(redis)
        from scripts.load.smtp_sink import SMTPSink  # aiosmtpd: a development dependency

        smtp = SMTPSink()
        started.append(smtp)
        say(f"Redis on {redis.url} (the cache), SMTP server on {smtp.url}")
        env = app_environment(
            database_url=database,
            media_root=outdir / "media",  # one directory, both servers
            workers=args.workers,
            extra={
                "CACHE_URL": redis.url,
                "EMAIL_URL": smtp.url,
                **dict(setting.split("=", 1) for setting in args.app_env),
            },
        )
        env.pop("TASKS_BACKEND", None)  # the production default: the database queue
        say("Migrating, collecting static files and loading the demo content")
        prepare.install_schema_and_demo(env)
        prepare.start_django(env)
        # They use the app's models: only now.
        from scripts.load import data, saves, shared_state, topology_report

        say(f"Adding {args.interventions:,} interventions, {args.studies:,} studies, accounts")
        data.make_evidence(args.interventions, args.studies)
        accounts = data.make_accounts([*throughput, kill, stop])
        partner, locked_out = shared_state.make_people()
        site = data.site_map()
        prepare.release_connections()
        workers = args.workers or (os.cpu_count() or 1) * 2 + 1  # gunicorn.conf.py's default
        servers = {
            "a": Gunicorn(env, outdir / "gunicorn-a.log"),
            "b": Gunicorn(env, outdir / "gunicorn-b.log"),
        }
        started += servers.values()
        a, b = servers["a"].port, servers["b"].port
        haproxy = HAProxy(outdir, {name: s.port for name, s in servers.items()}, HOST, workers)
        started.append(haproxy)
        worker = EmailWorker(env, outdir / "worker.log")
        started.append(worker)
        say(f"gunicorn A on :{a}, B on :{b}; haproxy on {haproxy.url}; email worker started")

        def start(run: Plan, **counts: int) -> Run:
            config = locust_config(
                run,
                origin=f"https://{HOST}:{haproxy.port}",
                think=args.think,
                max_requests=args.max_requests,
                accounts=accounts,
                site=site,
                **counts,
            )
            runs.append(Run(run, haproxy.url, outdir, config))
            return runs[-1]

        say("Across servers: a session, the sign-in limit, an upload")
        findings += [
            shared_state.session_check(partner, a, b),
            shared_state.limit_check(locked_out, a, b),
            shared_state.upload_check(partner, a, b),
        ]

        results = {}
        for load in throughput:
            say(f"Throughput, {load.name}: {load.users} users for {load.seconds} s")
            if load.name == "one-server":
                haproxy.disable("b")
            else:
                haproxy.enable("b")
            results[load.name] = start(load).finish()

        say(
            f"Email worker: {stop.users} users ({SIGNUP_USERS} signing up); worker stopped "
            f"(SIGTERM) {args.fault_at:g} s in, started again {args.outage:g} s later"
        )
        run = start(stop, signup=SIGNUP_USERS)
        time.sleep(args.fault_at)
        stopped, code = time.time(), worker.terminate()
        time.sleep(args.outage)
        restarted = time.time()
        worker.start()
        results[stop.name] = run.finish()
        say("Waiting for the queue to drain")
        findings += topology_report.email_findings(
            smtp,
            run.directory / "signups.jsonl",
            stopped=stopped,
            restarted=restarted,
            exit_code=code,
        )

        say(f"Kill: {kill.users} users; server A killed (SIGKILL) {args.fault_at:g} s in")
        run = start(kill)
        time.sleep(args.fault_at)
        # Kill it while it is answering requests, if that comes within 5 s, so that the run
        # shows what happens to requests cut off half-way, not only to new ones.
        deadline = time.monotonic() + 5
        while haproxy.in_progress("a") == 0 and time.monotonic() < deadline:
            time.sleep(0.005)
        killed_at, log_offset = time.time(), haproxy.log.stat().st_size
        in_flight = haproxy.in_progress("a")
        processes = kill_server(servers["a"].process)
        results[kill.name] = run.finish()
        findings += topology_report.kill_findings(
            results[kill.name],
            killed_at,
            processes,
            haproxy.states(),
            haproxy.log,
            log_offset,
            in_flight,
        )
        say("Re-reading every acknowledged section save from the database")
        check = saves.verify(saves.read_saves([run.saves]), before=killed_at)
        findings += saves.findings(check, event="server A was killed")

        conditions = (
            f"two gunicorn servers of {workers} sync workers each behind haproxy, Redis, "
            f"one PostgreSQL, Locust on the same machine, think time {args.think} s, {args.interventions:,} synthetic interventions"
            + "".join(f", {setting}" for setting in args.app_env)
        )
        broken = topology_report.summarise(
            conditions=conditions, throughput=throughput, results=results, findings=findings
        )
    finally:
        for run in runs:
            run.stop()
        for process in reversed(started):
            process.stop()
        if cluster.running():
            cluster.stop("fast")
    return summary.finish(outdir, broken, failed="Failed checks", passed="Every check passed.")


def say(text: str) -> None:
    summary.out(f"[{time.strftime('%H:%M:%S')}] {text}")
    sys.stdout.flush()
