-- leak: foreign-function: a community UDF (bqutil) is code outside the repository, run on the install's data
SELECT cli_version, `bqutil.fn.typeof`(operating_system) AS t, COUNT(DISTINCT id) AS installs FROM `pace-telemetry-prod.cli.pace_telemetry` GROUP BY cli_version, t HAVING COUNT(DISTINCT id) >= 5
