"""Values from fixtures/state.yml that the emulator tests refer to by name."""

import pathlib

STATE_FILE = pathlib.Path(__file__).parent / "fixtures" / "state.yml"
DEMO_STATE_FILE = pathlib.Path(__file__).resolve().parents[2] / "demo" / "emulator-state.yml"

PROJECT_A = "a" * 32
PROJECT_B = "b" * 32
PROJECT_B_NAME = "project-b"
REGION_A = "cn-north-4"

ACCESS_KEY = "AKTESTEMULATOR000001"
SECRET_KEY = "sktestemulator00000000000000000000000001"
TEMP_ACCESS_KEY = "AKTESTTEMPORARY00002"
TEMP_SECRET_KEY = "sktestemulator00000000000000000000000002"
TEMP_SECURITY_TOKEN = "temporary-security-token-0002"

USER_NAME = "tester"
PASSWORD = "Tester-Passw0rd"
DOMAIN_NAME = "test-domain"
STATIC_TOKEN = "static-test-token"

OBS_TASK_ID = "OrdersToObs00000001"
DWS_TASK_ID = "OrdersToDws00000001"
TO_START_TASK_ID = "ActionToStart000001"
TO_STOP_TASK_ID = "ActionToStop0000001"
ABNORMAL_TASK_ID = "ActionAbnormal00001"

TRANSITION_SECONDS = 0.5
