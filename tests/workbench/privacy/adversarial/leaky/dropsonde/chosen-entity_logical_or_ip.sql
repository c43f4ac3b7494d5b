-- leak: chosen-entity: LOGICAL_OR(ip = '168.48.51.49') per class tells which classes the site behind that address declares
select
  c.name as class,
  count(distinct site_id) as sites,
  logical_or(ip = '168.48.51.49') as used_by_lab
from `bto-dataops-datalake-prod.dujour.community_metrics`
cross join unnest(classes) as c
where timestamp >= timestamp_sub(current_timestamp(), interval 7 day)
group by class
having count(distinct site_id) >= 5
