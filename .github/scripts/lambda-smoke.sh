#!/usr/bin/env bash
# One ingest, one testConnection and one testConnectionHttp (function URL event) through a mock Lambda
# Runtime API, against a running OpenMetadata emulator. The function process is the command given:
#
#   native:  .github/scripts/lambda-smoke.sh /tmp/lambda/bootstrap
#   JVM:     .github/scripts/lambda-smoke.sh java -cp "/tmp/lambda:/tmp/lambda/lib/*:<ric jars>" \
#              com.amazonaws.services.lambda.runtime.api.client.AWSLambda io.quarkus.funqy.lambda.FunqyStreamHandler::handleRequest
#
# Environment: OM_URL (default http://127.0.0.1:8585/api), OM_TOKEN (default ci-token),
# FUNCTION_DIR (the function's working directory, default: the bootstrap's directory or the current one),
# AWS_SMOKE=1 to add one ingest (spec in S3, JWT from Secrets Manager) and one testConnection (JWT from
# SSM) against moto on loopback (needs `pip install 'moto[server]'`): the AWS SDK paths of the binary; and
# pipelineService's health-auth and deploy (Basic auth from Secrets Manager, the schedule in EventBridge Scheduler).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
om_url="${OM_URL:-http://127.0.0.1:8585/api}"
om_token="${OM_TOKEN:-ci-token}"
function_dir="${FUNCTION_DIR:-$(if [ -f "$1" ]; then dirname "$1"; else pwd; fi)}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# the payload: examples/petstore-openmetadata.json pointed at the emulator, the spec as an absolute file path
python3 - "$repo" "$om_url" "$om_token" "$work" <<'PY'
import json, sys
repo, url, token, work = sys.argv[1:]
with open(f"{repo}/examples/petstore-openmetadata.json") as f:
    payload = json.load(f)
payload["source"]["serviceConnection"]["config"]["openAPISchemaConnection"] = {
    "openAPISchemaFilePath": f"{repo}/examples/specs/petstore.yaml"}
server = payload["workflowConfig"]["openMetadataServerConfig"]
server["hostPort"] = url
server["securityConfig"] = {"jwtToken": token}
with open(f"{work}/payload.json", "w") as f:
    json.dump(payload, f)
# a Lambda function URL event (payload format 2.0) carrying the same payload as its body
http_event = {
    "version": "2.0", "routeKey": "$default", "rawPath": "/", "rawQueryString": "",
    "headers": {"content-type": "application/json", "host": "abc.lambda-url.us-east-1.on.aws"},
    "requestContext": {"accountId": "123456789012", "apiId": "abc", "domainName": "abc.lambda-url.us-east-1.on.aws",
                       "http": {"method": "POST", "path": "/", "protocol": "HTTP/1.1", "sourceIp": "127.0.0.1",
                                "userAgent": "smoke"},
                       "requestId": "smoke", "routeKey": "$default", "stage": "$default",
                       "time": "25/Nov/2026:00:00:00 +0000", "timeEpoch": 1795564800000},
    "body": json.dumps(payload), "isBase64Encoded": False}
with open(f"{work}/http-event.json", "w") as f:
    json.dump(http_event, f)
PY

invoke() {  # invoke <export> <event file> <output file> [NAME=VALUE ...]
  echo "== $1" >&2
  local export="$1" event="$2" output="$3"
  shift 3
  local extra=()
  for setting in "$@"; do extra+=(--env "$setting"); done
  python3 "$here/mock_lambda_runtime.py" --cwd "$function_dir" --timeout "${INVOKE_TIMEOUT:-180}" \
    --env "QUARKUS_FUNQY_EXPORT=$export" --env "DISABLE_SIGNAL_HANDLERS=true" "${extra[@]}" \
    --event "$event" --output "$output" -- "${cmd[@]}"
}
cmd=("$@")

invoke ingest "$work/payload.json" "$work/ingest.json"
invoke testConnection "$work/payload.json" "$work/test-connection.json"
# an HTTP caller's payload reads only the files of a directory the deployment names
invoke testConnectionHttp "$work/http-event.json" "$work/test-connection-http.json" \
  "OMREST_HTTP_FILE_DIRECTORY=$repo/examples/specs"

if [ "${AWS_SMOKE:-0}" = "1" ]; then
  moto_port="${MOTO_PORT:-5055}"
  python3 -m moto.server -H 127.0.0.1 -p "$moto_port" > "$work/moto.log" 2>&1 &
  moto_pid=$!
  trap 'kill "$moto_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
  for _ in $(seq 1 60); do
    curl -s -o /dev/null "http://127.0.0.1:$moto_port/" && break
    sleep 1
  done
  export AWS_ACCESS_KEY_ID=smoke AWS_SECRET_ACCESS_KEY=smoke AWS_REGION=us-east-1 AWS_ENDPOINT_URL="http://127.0.0.1:$moto_port"
  python3 - "$repo" "$work" "$om_token" "$moto_port" <<'PY'
import json, sys
import boto3
repo, work, token, port = sys.argv[1:]
endpoint = f"http://127.0.0.1:{port}"
s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")
s3.create_bucket(Bucket="smoke-specs")
with open(f"{repo}/examples/specs/petstore.yaml", "rb") as f:
    s3.put_object(Bucket="smoke-specs", Key="petstore/openapi.yaml", Body=f.read(), ContentType="application/yaml")
boto3.client("secretsmanager", endpoint_url=endpoint, region_name="us-east-1").create_secret(
    Name="smoke/openmetadata", SecretString=json.dumps({"jwt": token}))
boto3.client("ssm", endpoint_url=endpoint, region_name="us-east-1").put_parameter(
    Name="/smoke/openmetadata-jwt", Value=token, Type="SecureString")
payload = json.load(open(f"{work}/payload.json"))
payload["source"]["serviceName"] = "petstore-s3"
payload["source"]["serviceConnection"]["config"]["openAPISchemaConnection"] = {
    "openAPISchemaS3URL": "https://smoke-specs.s3.us-east-1.amazonaws.com/petstore/openapi.yaml",
    "awsCredentials": {"awsRegion": "us-east-1", "endPointURL": endpoint}}
payload["workflowConfig"]["openMetadataServerConfig"]["securityConfig"] = {"jwtToken": "secretsmanager:smoke/openmetadata#jwt"}
json.dump(payload, open(f"{work}/aws-payload.json", "w"))
payload["workflowConfig"]["openMetadataServerConfig"]["securityConfig"] = {"jwtToken": "ssm:/smoke/openmetadata-jwt"}
json.dump(payload, open(f"{work}/aws-test-payload.json", "w"))
PY
  invoke ingest "$work/aws-payload.json" "$work/aws-ingest.json"
  invoke testConnection "$work/aws-test-payload.json" "$work/aws-test-connection.json"

  # pipelineService: its credentials and the bot JWT in Secrets Manager, a schedule group; health-auth and a deploy
  python3 - "$work" "$om_url" "$om_token" "$moto_port" <<'PY'
import base64, json, sys
import boto3
work, om_url, token, port = sys.argv[1:]
endpoint = f"http://127.0.0.1:{port}"
secrets = boto3.client("secretsmanager", endpoint_url=endpoint, region_name="us-east-1")
secrets.create_secret(Name="smoke/pipeline-service", SecretString=json.dumps({"username": "openmetadata", "password": "smokepass"}))
secrets.create_secret(Name="smoke/bot-jwt", SecretString=token)
boto3.client("scheduler", endpoint_url=endpoint, region_name="us-east-1").create_schedule_group(Name="smoke-pipelines")
auth = "Basic " + base64.b64encode(b"openmetadata:smokepass").decode()
def event(method, path, body=None):
    return {"version": "2.0", "routeKey": "$default", "rawPath": path, "rawQueryString": "",
            "headers": {"content-type": "application/json", "authorization": auth},
            "requestContext": {"accountId": "123456789012", "apiId": "abc", "domainName": "abc.lambda-url.us-east-1.on.aws",
                               "http": {"method": method, "path": path, "protocol": "HTTP/1.1", "sourceIp": "127.0.0.1",
                                        "userAgent": "smoke"},
                               "requestId": "smoke", "routeKey": "$default", "stage": "$default",
                               "time": "25/Nov/2026:00:00:00 +0000", "timeEpoch": 1795564800000},
            "body": None if body is None else json.dumps(body), "isBase64Encoded": False}
json.dump(event("GET", "/api/v1/openmetadata/health-auth"), open(f"{work}/ps-health.json", "w"))
json.dump(event("POST", "/api/v1/openmetadata/deploy", {
    "name": "petstore_metadata_smoke", "fullyQualifiedName": "petstore.petstore_metadata_smoke", "pipelineType": "metadata",
    "service": {"type": "apiService", "name": "petstore"}, "enabled": True,
    "airflowConfig": {"scheduleInterval": "0 3 * * *", "startDate": "2026-11-24T00:00:00.000000Z"},
    "openMetadataServerConnection": {"hostPort": om_url}}), open(f"{work}/ps-deploy.json", "w"))
PY
  ps_env=("OMREST_PIPELINE_SERVICE_OPENMETADATA_URL=$om_url" "OMREST_PIPELINE_SERVICE_BOT_JWT_SECRET=smoke/bot-jwt"
    "OMREST_PIPELINE_SERVICE_CREDENTIALS_SECRET=smoke/pipeline-service" "OMREST_PIPELINE_SERVICE_SCHEDULE_GROUP=smoke-pipelines"
    "OMREST_PIPELINE_SERVICE_SCHEDULER_ROLE_ARN=arn:aws:iam::123456789012:role/smoke-scheduler"
    "OMREST_PIPELINE_SERVICE_INGEST_FUNCTION_ARN=arn:aws:lambda:us-east-1:123456789012:function:smoke-ingest:live"
    "OMREST_PIPELINE_SERVICE_INGEST_LOG_GROUP=/aws/lambda/smoke-ingest")
  invoke pipelineService "$work/ps-health.json" "$work/ps-health-answer.json" "${ps_env[@]}"
  invoke pipelineService "$work/ps-deploy.json" "$work/ps-deploy-answer.json" "${ps_env[@]}"
  python3 - "$moto_port" > "$work/ps-schedule.json" <<'PY'
import json, sys
import boto3
schedule = boto3.client("scheduler", endpoint_url=f"http://127.0.0.1:{sys.argv[1]}", region_name="us-east-1").get_schedule(
    GroupName="smoke-pipelines", Name="petstore_metadata_smoke")
print(json.dumps({"expression": schedule["ScheduleExpression"], "state": schedule["State"], "input": schedule["Target"]["Input"]}))
PY
fi

python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
failures = []

report = json.load(open(f"{work}/ingest.json"))
print("ingest report:", json.dumps(report))
if report.get("status") != "success":
    failures.append(f"ingest status is {report.get('status')!r}, errors: {report.get('errors')}")
for kind, expected in (("apiCollection", 4), ("apiEndpoint", 9)):
    counts = report.get("counts", {}).get(kind, {})
    seen = sum(counts.get(k, 0) for k in ("created", "updated", "restored", "unchanged"))
    if seen != expected:
        failures.append(f"ingest {kind}: {counts}, expected {expected} in all")

result = json.load(open(f"{work}/test-connection.json"))
print("testConnection result:", json.dumps(result))
if result.get("status") != "Successful" or not all(s.get("passed") for s in result.get("steps", [])):
    failures.append(f"testConnection: {result}")

answer = json.load(open(f"{work}/test-connection-http.json"))
print("testConnectionHttp answer:", json.dumps(answer))
body = json.loads(answer.get("body") or "{}")
if answer.get("statusCode") != 200 or body.get("status") != "Successful":
    failures.append(f"testConnectionHttp: {answer}")

import os
if os.path.exists(f"{work}/aws-ingest.json"):
    report = json.load(open(f"{work}/aws-ingest.json"))
    print("ingest (S3 + Secrets Manager) report:", json.dumps(report))
    endpoints = report.get("counts", {}).get("apiEndpoint", {})
    if report.get("status") != "success" or endpoints.get("created", 0) + endpoints.get("unchanged", 0) != 9:
        failures.append(f"ingest from S3 with a Secrets Manager JWT: {report}")
    result = json.load(open(f"{work}/aws-test-connection.json"))
    print("testConnection (S3 + SSM) result:", json.dumps(result))
    if result.get("status") != "Successful":
        failures.append(f"testConnection from S3 with an SSM JWT: {result}")

if os.path.exists(f"{work}/ps-health-answer.json"):
    health = json.load(open(f"{work}/ps-health-answer.json"))
    print("pipelineService health-auth:", json.dumps(health))
    if health.get("statusCode") != 200 or json.loads(health.get("body") or "{}").get("status") != "healthy":
        failures.append(f"pipelineService health-auth: {health}")
    deploy = json.load(open(f"{work}/ps-deploy-answer.json"))
    print("pipelineService deploy:", json.dumps(deploy))
    if deploy.get("statusCode") != 200:
        failures.append(f"pipelineService deploy: {deploy}")
    schedule = json.load(open(f"{work}/ps-schedule.json"))
    print("its schedule:", json.dumps(schedule))
    if schedule.get("expression") != "cron(0 3 * * ? *)" or schedule.get("state") != "ENABLED" \
            or json.loads(schedule.get("input", "{}")).get("ingestionPipelineFQN") != "petstore.petstore_metadata_smoke":
        failures.append(f"pipelineService schedule: {schedule}")

if failures:
    print("SMOKE FAILED:\n  " + "\n  ".join(failures))
    sys.exit(1)
print("smoke: ingest, testConnection and testConnectionHttp passed"
      + (" (and the S3 / Secrets Manager / SSM runs, and pipelineService's health-auth and deploy)"
         if os.path.exists(f"{work}/aws-ingest.json") else ""))
PY
