-- leak: pivot-private: PIVOT over exact counters: the cell of a rare value counts one install
SELECT * FROM (
  SELECT cli_version, p.cumulative_count AS c, id FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS p
)
PIVOT (COUNT(DISTINCT id) FOR c IN (12345 AS c12345, 1 AS c1))
