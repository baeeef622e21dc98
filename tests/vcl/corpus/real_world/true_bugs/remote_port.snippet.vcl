# @scope: recv
# Written for fastlysync, after Fastly's Magento 1 module (fastly/fastly-magento, recv.vcl):
# `remote.port` is no variable in Fastly's VCL reference (falco's catalogue has none either);
# the Magento 2 module's recv snippet no longer reads it. A true bug: VCL401 on line 7.
set req.http.seed = req.http.Cookie client.ip client.port;
if (req.http.X-Debug) {
  set req.http.seed = req.http.seed remote.port;
}
