"""Runs the official Huawei Cloud SDK against an emulator; run as a script, in its own process.

Importing the SDK writes ~/.huaweicloud/application_id, so the test runs
this with HOME pointing at a temporary directory. Prints one JSON object.

    python sdk_client.py URL ACCESS_KEY SECRET_KEY PROJECT_ID STREAM TASK
"""

import json
import sys

from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkcore.http.http_config import HttpConfig
from huaweicloudsdkdis.v2 import DisClient, ListTransferTasksRequest, ShowTransferTaskRequest


def main(url, access_key, secret_key, project_id, stream_name, task_name):
    config = HttpConfig.get_default_config()
    config.timeout = (5, 10)
    client = (DisClient.new_builder()
              .with_credentials(BasicCredentials(access_key, secret_key, project_id))
              .with_endpoint(url)  # an endpoint override: no region, no IAM project lookup
              .with_http_config(config)
              .build())
    try:
        listed = client.list_transfer_tasks(ListTransferTasksRequest(stream_name=stream_name))
        shown = client.show_transfer_task(ShowTransferTaskRequest(stream_name=stream_name, task_name=task_name))
    except ClientRequestException as error:
        return {"error": {"status_code": error.status_code, "error_code": error.error_code,
                          "error_msg": error.error_msg, "request_id": error.request_id}}
    return {"listed": listed.to_dict(), "shown": shown.to_dict()}


if __name__ == "__main__":
    print(json.dumps(main(*sys.argv[1:7]), default=str))
