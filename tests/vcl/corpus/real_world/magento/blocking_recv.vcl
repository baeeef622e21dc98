# Written for fastlysync, after the Magento module's snippet templates: NAME placeholders
# between four hashes each side are filled in before upload, so lint reports an unrendered template (info).
set client.geo.ip_override = req.http.Fastly-Client-IP;
if (req.method != "FASTLYPURGE" && ( ####BLOCKED_ITEMS#### )) {
  error 405 "Not allowed";
}
