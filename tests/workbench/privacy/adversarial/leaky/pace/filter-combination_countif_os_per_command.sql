-- leak: filter-combination: COUNTIF of one OS inside groups per command: the cell is an OS x command pair's count
SELECT p.command_path, COUNT(DISTINCT id) AS installs, COUNTIF(operating_system = 'windows') AS windows_points
FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS p
GROUP BY p.command_path
HAVING COUNT(DISTINCT id) >= 5
