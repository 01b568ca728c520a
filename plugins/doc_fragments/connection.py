# -*- coding: utf-8 -*-
# Copyright: contributors to the hwcloud.dis collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The connection options shared by every hwcloud.dis module."""

from __future__ import annotations


class ModuleDocFragment:
    """Documentation of the options in plugins/module_utils/config.py."""

    DOCUMENTATION = r"""
options:
  region:
    description:
      - Region name, for example V(cn-north-4).
      - Builds the default endpoints C(https://dis.<region>.<cloud>) and C(https://iam.<region>.<cloud>).
      - When O(project_id) is not set, the project named after the region is looked up in IAM.
      - If not set, the value of the E(HW_REGION_NAME) or E(CLOUD_SDK_REGION) environment variable is used.
    type: str
  project_id:
    description:
      - Project ID (32 hexadecimal characters on Huawei Cloud) that owns the streams.
      - If not set, it is resolved from IAM by the region name (password auth learns it from the token's scope).
      - If not set, the value of the E(HW_PROJECT_ID) or E(CLOUD_SDK_PROJECT_ID) environment variable is used.
    type: str
  cloud:
    description:
      - Domain suffix of the cloud, used to build the default endpoints.
      - Other clouds built on the Huawei stack set their own, for example V(otc.t-systems.com).
      - If not set, the value of the E(HW_CLOUD) environment variable is used.
    type: str
    default: myhuaweicloud.com
  endpoint:
    description:
      - Full DIS base URL, overriding the one built from O(region) and O(cloud), for example V(http://127.0.0.1:8443).
      - If not set, the value of the E(HW_DIS_ENDPOINT) environment variable is used.
    type: str
  iam_endpoint:
    description:
      - Full IAM base URL, overriding the one built from O(region) and O(cloud).
      - If not set, the value of the E(HW_IAM_ENDPOINT) environment variable is used.
    type: str
  access_key:
    description:
      - Access key ID (AK) for AK/SK request signing (SDK-HMAC-SHA256). Needs O(secret_key).
      - If not set, the value of the E(HW_ACCESS_KEY) or E(CLOUD_SDK_AK) environment variable is used.
    type: str
  secret_key:
    description:
      - Secret access key (SK) for AK/SK request signing. It is never sent, logged or returned.
      - If not set, the value of the E(HW_SECRET_KEY) or E(CLOUD_SDK_SK) environment variable is used.
    type: str
  security_token:
    description:
      - Security token of temporary AK/SK credentials, sent as C(X-Security-Token).
      - Only valid together with O(access_key) and O(secret_key).
      - If not set, the value of the E(HW_SECURITY_TOKEN) environment variable is used.
    type: str
  auth_token:
    description:
      - A ready IAM user token, sent as C(X-Auth-Token). It cannot be renewed by the module.
      - If not set, the value of the E(HW_AUTH_TOKEN) environment variable is used.
    type: str
  user_name:
    description:
      - IAM user name for password authentication. Needs O(password) and O(domain_name).
      - The token obtained is cached per user, account, IAM endpoint and project, in a file only the user
        can read (C($XDG_CACHE_HOME/hwcloud.dis/tokens), C(~/.cache) by default), and reused until shortly
        before it expires. The cache never holds the password.
      - If not set, the value of the E(HW_USER_NAME) environment variable is used.
    type: str
  password:
    description:
      - IAM user password for password authentication.
      - If not set, the value of the E(HW_PASSWORD) environment variable is used.
    type: str
  domain_name:
    description:
      - Account (domain) name of the IAM user, for password authentication.
      - If not set, the value of the E(HW_DOMAIN_NAME) environment variable is used.
    type: str
  validate_certs:
    description:
      - Whether to verify TLS certificates. Turning it off prints a warning; prefer O(ca_bundle).
    type: bool
    default: true
  ca_bundle:
    description:
      - Path of a PEM file with the certificates of a private CA to trust.
      - If not set, the value of the E(HW_CA_BUNDLE) environment variable is used.
    type: path
  timeout:
    description:
      - Seconds to wait for a connection and for each response.
    type: float
    default: 30
  retries:
    description:
      - How many times a request is retried after a transient failure, so at most O(retries) + 1 attempts.
      - Transient failures are HTTP 429, 500, 502, 503 and 504, the DIS throttling codes C(DIS.4303),
        C(DIS.4305) and C(DIS.4309) (sent with HTTP 400), timeouts and connection errors.
      - Waits grow exponentially from 0.5 seconds up to 16 seconds with jitter, and never less than a
        C(Retry-After) header asks (at most 60 seconds).
      - Other client errors are not retried. A refused IAM token (HTTP 401 or 441) is renewed once.
    type: int
    default: 5
  proxy:
    description:
      - Explicit proxy URL for DIS and IAM requests.
      - If not set, C(HTTPS_PROXY) and C(NO_PROXY) apply as the requests library reads them.
    type: str
notes:
  - Exactly one authentication method must be configured, from options or environment variables
    (O(auth_token); O(access_key) with O(secret_key); or O(user_name), O(password) and O(domain_name)).
    The error says which options were seen and which are missing.
  - All modules of this collection belong to the action group C(hwcloud.dis.dis), so
    C(module_defaults) with C(group/hwcloud.dis.dis) sets the connection options once.
  - Failures return C(error) with C(operation), C(status), C(code), C(message), C(request_id) and C(url)
    besides C(msg).
requirements:
  - python >= 3.11
  - requests
"""
