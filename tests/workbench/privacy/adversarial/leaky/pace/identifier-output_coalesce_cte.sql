-- leak: identifier-output: id flows through COALESCE and IFNULL in a CTE and is output as "label"
WITH labelled AS (
  SELECT COALESCE(NULL, IFNULL(id, 'unknown')) AS label, operating_system
  FROM `pace-telemetry-prod.cli.pace_telemetry`
)
SELECT label, operating_system, COUNT(*) AS uploads
FROM labelled
GROUP BY label, operating_system
