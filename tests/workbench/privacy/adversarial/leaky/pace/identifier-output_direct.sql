-- leak: identifier-output: the install id is output directly with its upload count (lower-case keywords, backtick-quoted column)
select `id`, count(*) as uploads
from `pace-telemetry-prod.cli.pace_telemetry`
group by `id`
