-- leak: error-oracle: PARSE_JSON of a text chosen by a private counter fails exactly when an install has run a command 4711 times
SELECT cli_version, COUNT(DISTINCT id) AS installs FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS p WHERE PARSE_JSON(IF(p.cumulative_count = 4711, '{', '1')) IS NOT NULL GROUP BY cli_version HAVING COUNT(DISTINCT id) >= 5
