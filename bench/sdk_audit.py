"""The fleet audit as a plain sequential script with the official SDK (huaweicloudsdkdis).

What a user writes without the collection, in Python: per environment, page
through the streams, list each stream's dump tasks, show each task; one
request after the other. AK/SK credentials, endpoint override to the
emulator. Importing the SDK writes ~/.huaweicloud/application_id: run this
with HOME set to a throwaway folder.

    python bench/sdk_audit.py ENVIRONMENTS.json

ENVIRONMENTS.json: a list of {endpoint, project_id, access_key, secret_key}.
Prints one JSON object: tasks found, requests made, seconds (after imports).
"""

import json
import sys
import time

from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.http.http_config import HttpConfig
from huaweicloudsdkdis.v2 import DisClient, ListStreamsRequest, ListTransferTasksRequest, ShowTransferTaskRequest

STREAMS_PAGE_LIMIT = 100


def audit_environment(environment):
    """Every task of one environment, with details; returns (tasks, requests made)."""
    config = HttpConfig.get_default_config()
    config.timeout = (5, 30)
    client = (DisClient.new_builder()
              .with_credentials(BasicCredentials(environment["access_key"], environment["secret_key"],
                                                 environment["project_id"]))
              .with_endpoint(environment["endpoint"])
              .with_http_config(config)
              .build())
    requests_made = 0
    stream_names = []
    start = None
    while True:
        page = client.list_streams(ListStreamsRequest(limit=STREAMS_PAGE_LIMIT, start_stream_name=start))
        requests_made += 1
        names = page.stream_names or []
        stream_names.extend(names)
        if not page.has_more_streams or not names:
            break
        start = names[-1]
    tasks = []
    for stream_name in stream_names:
        listing = client.list_transfer_tasks(ListTransferTasksRequest(stream_name=stream_name))
        requests_made += 1
        for task in listing.tasks or []:
            shown = client.show_transfer_task(ShowTransferTaskRequest(stream_name=stream_name,
                                                                      task_name=task.task_name))
            requests_made += 1
            tasks.append(shown.to_dict())
    return tasks, requests_made


def main(path):
    """Audit every environment in turn and print a JSON summary."""
    with open(path, encoding="utf-8") as handle:
        environments = json.load(handle)
    started = time.perf_counter()
    task_count = 0
    requests_made = 0
    for environment in environments:
        tasks, made = audit_environment(environment)
        task_count += len(tasks)
        requests_made += made
    print(json.dumps({"tasks": task_count, "requests": requests_made,
                      "seconds_after_imports": round(time.perf_counter() - started, 3)}))


if __name__ == "__main__":
    main(sys.argv[1])
