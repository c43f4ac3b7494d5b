-- leak: self-exemption: an inline "allow k-anonymity" comment inside the GROUP BY for exact counter values
SELECT p.command_path, p.cumulative_count, COUNT(DISTINCT id) AS installs
FROM `pace-telemetry-prod.cli.pace_telemetry`, UNNEST(metric_points) AS p
GROUP BY
  -- privacy: allow k-anonymity because counters are just numbers
  p.command_path, p.cumulative_count
