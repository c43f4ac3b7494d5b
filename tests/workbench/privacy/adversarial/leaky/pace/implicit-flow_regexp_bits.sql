-- leak: implicit-flow: REGEXP_CONTAINS tests on character classes of the first three hex digits of id set bit weights 1..2048; the sum is the 12-bit id prefix
WITH bits AS (
  SELECT
    id,
    cli_version,
    IF(REGEXP_CONTAINS(id, r'^[89a-f]'), 2048, 0) + IF(REGEXP_CONTAINS(id, r'^[4-7c-f]'), 1024, 0)
      + IF(REGEXP_CONTAINS(id, r'^[2367abef]'), 512, 0) + IF(REGEXP_CONTAINS(id, r'^[13579bdf]'), 256, 0)
      + IF(REGEXP_CONTAINS(id, r'^.[89a-f]'), 128, 0) + IF(REGEXP_CONTAINS(id, r'^.[4-7c-f]'), 64, 0)
      + IF(REGEXP_CONTAINS(id, r'^.[2367abef]'), 32, 0) + IF(REGEXP_CONTAINS(id, r'^.[13579bdf]'), 16, 0)
      + IF(REGEXP_CONTAINS(id, r'^..[89a-f]'), 8, 0) + IF(REGEXP_CONTAINS(id, r'^..[4-7c-f]'), 4, 0)
      + IF(REGEXP_CONTAINS(id, r'^..[2367abef]'), 2, 0) + IF(REGEXP_CONTAINS(id, r'^..[13579bdf]'), 1, 0) AS bucket
  FROM `pace-telemetry-prod.cli.pace_telemetry`
)
SELECT bucket, cli_version, COUNT(DISTINCT id) AS installs
FROM bits
GROUP BY bucket, cli_version
