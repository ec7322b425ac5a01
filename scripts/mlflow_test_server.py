"""Runs `mlflow server` with the given arguments in its own process group until standard input
closes, its parent process ends or it gets SIGTERM, then stops the whole group, so a test that
dies never leaves a server behind;
then removes the folder $AIM_SPACY_REMOVE_ON_EXIT names, if any (the server's database and artifacts).

Usage: $PYTHON scripts/mlflow_test_server.py --host 127.0.0.1 --port P --backend-store-uri sqlite:///DB
       --serve-artifacts --artifacts-destination DIR --workers 1
"""
import os
import shutil
import signal
import subprocess
import sys
import threading

server = subprocess.Popen(
    [sys.executable, "-m", "mlflow", "server", *sys.argv[1:]], start_new_session=True, stdout=sys.stderr
)


def stop(*_):
    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    if os.environ.get("AIM_SPACY_REMOVE_ON_EXIT"):
        shutil.rmtree(os.environ["AIM_SPACY_REMOVE_ON_EXIT"], ignore_errors=True)
    sys.exit(0)


signal.signal(signal.SIGTERM, stop)
parent = os.getppid()
closed = threading.Event()
threading.Thread(target=lambda: (sys.stdin.read(), closed.set()), daemon=True).start()
while not closed.wait(1) and os.getppid() == parent and server.poll() is None:
    pass
stop()
