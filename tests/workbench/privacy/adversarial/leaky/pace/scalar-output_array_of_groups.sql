-- leak: scalar-output: an ARRAY subquery of per-counter groups packs every small group into one cell
SELECT ARRAY(SELECT AS STRUCT p.cumulative_count AS n, COUNT(DISTINCT id) AS installs FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS p GROUP BY p.cumulative_count) AS groups_
