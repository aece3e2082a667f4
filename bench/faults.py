"""Fault lab: residents vote through the API while Redis, the worker and the database connections fail.

Each scenario starts its own redis-server on a spare port, a Celery worker and beat, and gunicorn on
loopback ports, all on a database of its own; casts ballots at a steady pace from a few clients;
breaks something mid-run and mends it; then waits for every receipt. Emails go to files (Django's
file backend) in a temporary folder, where each is found by its Message-ID. Run by hand:

    .venv/bin/python bench/faults.py [--scenario redis-killed ...] [--seconds 24] [--rate 20]

It needs PostgreSQL (DATABASE_URL names the server; a database `<name>_faultlab` is created and
dropped) and `redis-server` on the PATH. It never touches another Redis, worker or web server: it
stops only the processes it started, and terminates only connections to its own database.
tests/faults/ runs the same scenarios, smaller, and asserts what the table shows.
"""

import argparse
import contextlib
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
BIN = Path(PYTHON).parent
MESSAGE_ID = re.compile(rb"^Message-ID: <(notice-\d+)@", re.MULTILINE)


def spare_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Outcome:
    """What one scenario did and what it left behind."""

    scenario: str
    requests: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    ballots_expected: int = 0  # casts and changes answered 2xx
    ballots_in_db: int = 0  # the sum of the ballots' versions: every cast or change that committed
    emails_expected: int = 0  # receipt notices in the database
    emails_delivered: int = 0  # distinct notices found in the mail folder
    emails_total: int = 0
    unsent: int = 0
    drain_seconds: float | None = None
    outage_latencies: list[float] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    before_latencies: list[float] = field(default_factory=list)  # requests begun before the first fault
    delayed_flags: int = 0
    refusals: list[str] = field(default_factory=list)  # the first few answers that were not 2xx
    worker_survived: bool = False  # the worker running at the end is the one started (or restarted) on purpose
    beat_survived: bool = False

    def count(self, low: int) -> int:
        return sum(n for status, n in self.statuses.items() if low <= status < low + 100)

    @property
    def duplicates(self) -> int:
        return self.emails_total - self.emails_delivered

    @staticmethod
    def _p95(values: list[float]) -> float | None:
        if len(values) < 2:
            return values[0] if values else None
        return statistics.quantiles(values, n=20)[-1]

    @property
    def outage_p95(self) -> float | None:
        return self._p95(self.outage_latencies)

    @property
    def p95(self) -> float | None:
        return self._p95(self.latencies)

    @property
    def before_p95(self) -> float | None:
        return self._p95(self.before_latencies)


class Lab:
    """The processes of one scenario and the database they share (created once per lab)."""

    def __init__(self, *, database_url: str, voters: int = 200, web_workers: int = 2, worker_concurrency: int = 2):
        server = urlparse(database_url)
        self.db_name = f"{server.path.lstrip('/') or 'coop'}_faultlab"
        self.database_url = server._replace(path=f"/{self.db_name}").geturl()
        self.psql_args = ["psql", "-h", server.hostname or "127.0.0.1", "-p", str(server.port or 5432)]
        self.psql_args += ["-U", server.username or "postgres", "-q", "-At"]
        self.password = server.password
        self.voters = voters
        self.web_workers = web_workers
        self.worker_concurrency = worker_concurrency
        self.dir = Path(tempfile.mkdtemp(prefix="coop-faults-"))
        self.mail = self.dir / "mail"
        self.redis_port = spare_port()
        self.procs: dict[str, subprocess.Popen] = {}
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DATABASE_URL": self.database_url,
            "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "SECRET_KEY": "fault-lab-only-secret-key-fault-lab-only-secret-key-0123456789",
            "DEBUG": "0",
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "SESSION_COOKIE_SECURE": "0",
            "CSRF_COOKIE_SECURE": "0",
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(self.mail),
            # Seconds, not the production minutes, so a scenario ends within a minute.
            "EMAIL_SWEEP_SECONDS": "5",
            "EMAIL_TIMEOUT": "1",
            "EMAIL_CLAIM_SECONDS": "10",
            "LOG_LEVEL": "WARNING",
            "PYTHONWARNINGS": "ignore",
        }
        if self.password:
            self.env["PGPASSWORD"] = self.password
        self.cycle = 0
        self.priorities: list[int] = []
        self.tokens: list[str] = []

    # --- set-up -------------------------------------------------------------------------------

    def psql(self, sql: str, database: str = "postgres") -> str:
        out = subprocess.run(
            [*self.psql_args, "-d", database, "-c", sql], env=self.env, check=True, capture_output=True, text=True
        )
        return out.stdout.strip()

    def prepare(self) -> None:
        """Create and migrate the lab's database, with the demo cycle and `voters` residents with tokens."""
        self.psql(f"DROP DATABASE IF EXISTS {self.db_name} WITH (FORCE)")
        self.psql(f"CREATE DATABASE {self.db_name}")
        subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=ROOT, env=self.env, check=True)
        script = f"""
import django, json
django.setup()
from rest_framework.authtoken.models import Token
from accounts.services import user_create
from demo.seed import seed_demo
from commissioning.models import CommissioningCycle
seed_demo()
cycle = CommissioningCycle.objects.get(slug="healthier-greener-lambeth-2027")
ids = list(cycle.priorities.accepted().values_list("pk", flat=True))
tokens = []
for n in range({self.voters}):
    user = user_create(email=f"voter{{n}}@example.org", password=None, email_verified=True)
    tokens.append(Token.objects.create(user=user).key)
print(json.dumps({{"cycle": cycle.pk, "priorities": ids, "tokens": tokens}}))
"""
        # The lab's Redis is not started yet: the demo is made with the in-process cache and broker.
        seeding = {key: value for key, value in self.env.items() if key != "REDIS_URL"}
        out = subprocess.run([PYTHON, "-c", script], cwd=ROOT, env=seeding, check=True, capture_output=True, text=True)
        data = json.loads(out.stdout.strip().splitlines()[-1])
        self.cycle, self.priorities, self.tokens = data["cycle"], data["priorities"], data["tokens"]
        subprocess.run([PYTHON, "manage.py", "seed_schedules"], cwd=ROOT, env=self.env, check=True, capture_output=True)

    def reset(self) -> None:
        """Forget the last scenario's ballots, notices and emails (voters and cycle stay)."""
        self.psql(
            "DELETE FROM commissioning_ballotchoice; DELETE FROM commissioning_ballot; "
            "DELETE FROM notifications_notification;",
            self.db_name,
        )
        shutil.rmtree(self.mail, ignore_errors=True)
        self.mail.mkdir(parents=True)

    def drop(self) -> None:
        self.stop_all()
        self.psql(f"DROP DATABASE IF EXISTS {self.db_name} WITH (FORCE)")
        shutil.rmtree(self.dir, ignore_errors=True)

    # --- processes ----------------------------------------------------------------------------

    def _start(self, name: str, args: list[str]) -> subprocess.Popen:
        log = open(self.dir / f"{name}.log", "ab")  # noqa: SIM115 - handed to the child, closed with it
        proc = subprocess.Popen(args, cwd=ROOT, env=self.env, stdout=log, stderr=log, start_new_session=True)
        log.close()
        self.procs[name] = proc
        return proc

    def start_redis(self) -> None:
        self._start(
            "redis",
            ["redis-server", "--port", str(self.redis_port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        )
        self._wait_for_port(self.redis_port)

    def start_worker(self) -> None:
        self._start(
            "worker",
            [str(BIN / "celery"), "-A", "config", "worker", "--loglevel=WARNING", "-c", str(self.worker_concurrency),
             "-n", f"faultlab-{self.redis_port}@%h", "--without-mingle", "--without-gossip"],
        )  # fmt: skip

    def start_beat(self) -> None:
        self._start(
            "beat",
            [str(BIN / "celery"), "-A", "config", "beat", "--loglevel=WARNING",
             "-s", str(self.dir / "beat-schedule"), "--max-interval", "2"],
        )  # fmt: skip

    def start_web(self, name: str = "web") -> int:
        port = spare_port()
        self._start(
            name,
            [str(BIN / "gunicorn"), "config.wsgi:application", "--bind", f"127.0.0.1:{port}",
             "--workers", str(self.web_workers), "--timeout", "30", "--log-level", "warning"],
        )  # fmt: skip
        self._wait_for_http(port)
        return port

    def signal(self, name: str, signum: int) -> None:
        proc = self.procs[name]
        os.killpg(proc.pid, signum)

    def kill(self, name: str) -> None:
        proc = self.procs.pop(name, None)
        if proc is None or proc.poll() is not None:
            return
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)

    def stop(self, name: str) -> None:
        proc = self.procs.pop(name, None)
        if proc is None or proc.poll() is not None:
            return
        try:
            os.killpg(proc.pid, signal.SIGCONT)
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=15)
        except (subprocess.TimeoutExpired, ProcessLookupError):
            self.kill_group(proc)

    @staticmethod
    def kill_group(proc: subprocess.Popen) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)

    def stop_all(self) -> None:
        for name in list(self.procs):
            self.stop(name)

    def alive(self, name: str) -> bool:
        proc = self.procs.get(name)
        return proc is not None and proc.poll() is None

    def log(self, name: str) -> str:
        path = self.dir / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    @staticmethod
    def _wait_for_port(port: int, seconds: float = 20) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"nothing listening on port {port}")

    @staticmethod
    def _wait_for_http(port: int, seconds: float = 180) -> None:  # a shared CI machine can be slow to boot it
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/schema/", timeout=2).close()
                return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer on port {port}")

    def drop_connections(self) -> int:
        """Terminate every connection to the lab's own database except this one's."""
        out = self.psql(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            f"WHERE datname = '{self.db_name}' AND pid <> pg_backend_pid()"
        )
        return int(out or 0)

    # --- load and accounting ------------------------------------------------------------------

    def body(self, n: int, round_: int) -> bytes:
        choice = [self.priorities[(n + round_ + k) % len(self.priorities)] for k in range(3)]
        return json.dumps({"choices": [{"priority": p} for p in choice]}).encode()

    def load(
        self,
        outcome: Outcome,
        ports: list[int],
        *,
        seconds: float,
        rate: float,
        clients: int,
        faults: list[tuple[float, float, object, object]],
    ) -> None:
        """Cast ballots at `rate` a second for `seconds`; each fault is (start, end, break, mend)."""
        total = int(seconds * rate)
        started = time.monotonic()
        lock = threading.Lock()
        outage: list[tuple[float, float]] = []
        results: list[tuple[float, float, int, bool]] = []  # (start offset, latency, status, receipt_delayed)

        def client(index: int) -> None:
            connections = {port: HTTPConnection("127.0.0.1", port, timeout=60) for port in ports}
            for k in range(index, total, clients):
                due = started + k / rate
                pause = due - time.monotonic()
                if pause > 0:
                    time.sleep(pause)
                voter = k % len(self.tokens)
                port = ports[k % len(ports)]
                headers = {"Authorization": f"Token {self.tokens[voter]}", "Content-Type": "application/json"}
                begin = time.monotonic()
                try:
                    connection = connections[port]
                    connection.request("POST", f"/api/v1/cycles/{self.cycle}/ballot/", self.body(voter, k), headers)
                    response = connection.getresponse()
                    payload = response.read()
                    status = response.status
                except OSError:
                    connections[port] = HTTPConnection("127.0.0.1", port, timeout=60)
                    status, payload = 599, b""
                delayed = status == 200 and b'"receipt_delayed":true' in payload
                with lock:
                    results.append((begin - started, time.monotonic() - begin, status, delayed))
                    if status >= 300 and len(outcome.refusals) < 5:
                        outcome.refusals.append(f"{status} {payload[:200].decode(errors='replace')}")

        def injector() -> None:
            for start, end, breaker, mender in faults:
                time.sleep(max(0.0, started + start - time.monotonic()))
                broke = time.monotonic() - started
                breaker()
                time.sleep(max(0.0, started + end - time.monotonic()))
                mender()
                outage.append((broke, time.monotonic() - started))

        threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
        threads.append(threading.Thread(target=injector))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        outcome.requests += len(results)
        for begin, latency, status, delayed in results:
            outcome.statuses[status] = outcome.statuses.get(status, 0) + 1
            outcome.latencies.append(latency)
            outcome.delayed_flags += delayed
            if 200 <= status < 300:
                outcome.ballots_expected += 1
            if any(low <= begin <= high for low, high in outage):
                outcome.outage_latencies.append(latency)
            if begin < min(start for start, *_ in faults):
                outcome.before_latencies.append(latency)

    def receipts(self) -> int:
        sql = "SELECT count(*) FROM notifications_notification WHERE event = 'ballot_receipt'"
        return int(self.psql(sql, self.db_name))

    def unsent(self) -> int:
        sql = "SELECT count(*) FROM notifications_notification WHERE email_state IN ('waiting', 'sending')"
        return int(self.psql(sql, self.db_name))

    def mail_ids(self) -> list[str]:
        ids = []
        for path in self.mail.glob("*"):
            ids.extend(m.decode() for m in MESSAGE_ID.findall(path.read_bytes()))
        return ids

    def account(self, outcome: Outcome, *, drain_seconds: float) -> None:
        """Wait (at most drain_seconds) until every receipt is emailed, then count what is where."""
        began = time.monotonic()
        while True:
            expected = self.receipts()
            delivered = len(set(self.mail_ids()))
            if delivered >= expected and self.unsent() == 0:
                outcome.drain_seconds = time.monotonic() - began
                break
            if time.monotonic() - began > drain_seconds:
                break
            time.sleep(0.5)
        time.sleep(1.0)  # anything still in flight (a duplicate) lands
        ids = self.mail_ids()
        outcome.emails_expected = self.receipts()
        outcome.emails_delivered, outcome.emails_total = len(set(ids)), len(ids)
        outcome.unsent = self.unsent()
        committed = self.psql("SELECT coalesce(sum(version), 0) FROM commissioning_ballot", self.db_name)
        outcome.ballots_in_db = int(committed)


# --- the scenarios ---------------------------------------------------------------------------------


def run_scenario(lab: Lab, name: str, *, seconds: float = 24, rate: float = 20, clients: int = 4) -> Outcome:
    """Start everything fresh, cast ballots while `name` goes wrong, mend it, wait for every receipt."""
    lab.reset()
    lab.redis_port = spare_port()
    lab.env["REDIS_URL"] = f"redis://127.0.0.1:{lab.redis_port}/0"
    outcome = Outcome(name)
    try:
        lab.start_redis()
        lab.start_worker()
        lab.start_beat()
        ports = [lab.start_web("web")]
        if name == "two web servers":
            ports.append(lab.start_web("web2"))
    except BaseException:
        lab.stop_all()  # nothing this lab started may outlive it
        raise
    third = seconds / 3

    def restart_redis() -> None:
        lab.procs.pop("redis").wait(timeout=10)
        lab.start_redis()

    faults: list[tuple[float, float, object, object]]
    if name in ("redis killed", "two web servers"):
        faults = [(third, 2 * third, lambda: lab.signal("redis", signal.SIGKILL), restart_redis)]
    elif name == "redis frozen":
        freeze, thaw = (lambda: lab.signal("redis", signal.SIGSTOP)), (lambda: lab.signal("redis", signal.SIGCONT))
        faults = [(third, 2 * third, freeze, thaw)]
    elif name == "worker killed":
        # SIGKILL mid-burst, twice; the process manager (here: this lab) starts a new one 2 s later.
        faults = [(t, t + 2, lambda: lab.kill("worker"), lab.start_worker) for t in (third, 2 * third)]
    elif name == "connections dropped":
        faults = [(t, t + 0.1, lab.drop_connections, lambda: None) for t in (4, 8, 12, 16)]
    else:
        raise ValueError(f"unknown scenario {name!r}")
    try:
        lab.load(outcome, ports, seconds=seconds, rate=rate, clients=clients, faults=faults)
        lab.account(outcome, drain_seconds=60)
        outcome.worker_survived, outcome.beat_survived = lab.alive("worker"), lab.alive("beat")
    finally:
        lab.stop_all()
    return outcome


SCENARIOS = ["redis killed", "redis frozen", "worker killed", "connections dropped", "two web servers"]


def table(outcomes: list[Outcome]) -> str:
    header = (
        f"{'scenario':<20} {'requests':>8} {'2xx/4xx/5xx':>12} {'ballots db/expected':>20} "
        f"{'emails/expected':>16} {'duplicates':>10} {'drain s':>8} {'p95 ms: before':>14} {'during':>6} {'all':>5}"
    )
    lines = [header, "-" * len(header)]
    for o in outcomes:
        codes = f"{o.count(200)}/{o.count(400)}/{o.count(500)}"
        drain = f"{o.drain_seconds:.1f}" if o.drain_seconds is not None else "timeout"
        p95 = f"{o.p95 * 1000:.0f}" if o.p95 is not None else "-"
        outage = f"{o.outage_p95 * 1000:.0f}" if o.outage_p95 is not None else "-"
        before = f"{o.before_p95 * 1000:.0f}" if o.before_p95 is not None else "-"
        lines.append(
            f"{o.scenario:<20} {o.requests:>8} {codes:>12} {f'{o.ballots_in_db}/{o.ballots_expected}':>20} "
            f"{f'{o.emails_delivered}/{o.emails_expected}':>16} {o.duplicates:>10} {drain:>8} {before:>14} {outage:>6} "
            f"{p95:>5}"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scenario", action="append", choices=SCENARIOS, help="repeat to run several; default all")
    parser.add_argument("--seconds", type=float, default=24, help="length of the load in each scenario")
    parser.add_argument("--rate", type=float, default=20, help="ballots a second (all clients together)")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--voters", type=int, default=300)
    args = parser.parse_args()
    server = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/coop")
    lab = Lab(database_url=server, voters=args.voters)
    outcomes = []
    try:
        lab.prepare()
        for name in args.scenario or SCENARIOS:
            outcome = run_scenario(lab, name, seconds=args.seconds, rate=args.rate, clients=args.clients)
            outcomes.append(outcome)
            print(table([outcome]).splitlines()[-1], flush=True)
            print(
                f"    worker survived: {outcome.worker_survived}, beat survived: {outcome.beat_survived}, "
                f"answers with receipt_delayed: {outcome.delayed_flags}, not 2xx: {outcome.refusals or 'none'}",
                flush=True,
            )
    finally:
        lab.drop()
    print()
    print(
        f"{args.rate:g} ballots/s from {args.clients} clients for {args.seconds:g} s per scenario, "
        f"gunicorn 2 workers, Celery worker -c 2, cores={os.cpu_count()}"
    )
    print(table(outcomes))


if __name__ == "__main__":
    main()
