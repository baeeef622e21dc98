# Legacy URL redirects, maintained by the web team from the CMS export.
# Each branch maps an old path pattern to its new home; vcl_error turns 6xx into 301/302.

table redirect_overrides {
  "/old-home": "/",
  "/shop": "/store",
  "/contact-us.html": "/help/contact",
}

sub legacy_redirects {
  declare local var.location STRING;
  declare local var.code INTEGER;

  set var.location = table.lookup(redirect_overrides, req.url.path);
  if (var.location) {
    set req.http.X-Redirect-Location = var.location;
    error 701 "Moved";
  }

  if (req.url.path ~ {"^/(?:beauty|women)/returns(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/returns/women/beauty-0";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:bags|kids)/events(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/events/kids/bags-1";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:men|sport)/offers(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/offers/sport/men-2";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:bags|tech)/bestsellers(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/bestsellers/tech/bags-3";
    set req.http.X-Redirect-Location = req.http.X-Redirect-Location "?" req.url.qs;
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:bags|kids)/delivery(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/delivery/kids/bags-4";
    error 601 "Moved Permanently";
  } else if ((req.url.path ~ {"^/(?:books|kids)/brands(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"} && req.url.qs !~ "(?i)(?:^|&)noredirect=1(?:&|$)") || req.url.path == "/books-brands-5") {
    set req.http.X-Redirect-Location = "/brands/kids/books-5";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:kids|food)/delivery(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/delivery/food/kids-6";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:bags|wine)/autumn(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/autumn/wine/bags-7";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:gifts|wine)/winter(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/winter/wine/gifts-8";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:wine|pets)/returns(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"} && req.http.Host ~ "(?i)^(www\.)?example\.(com|co\.uk)$") {
    set req.http.X-Redirect-Location = "/returns/pets/wine-9";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:bags|gifts)/winter(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/winter/gifts/bags-10";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:food|women)/lookbook(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/lookbook/women/food-11";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:books|women)/events(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/events/women/books-12";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:men|wine)/lookbook(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/lookbook/wine/men-13";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:food|sale)/autumn(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/autumn/sale/food-14";
    set req.http.X-Redirect-Location = req.http.X-Redirect-Location "?" req.url.qs;
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:wine|pets)/bestsellers(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/bestsellers/pets/wine-15";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:sport|men)/events(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/events/men/sport-16";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:kids|wine)/winter(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/winter/wine/kids-17";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:pets|outlet)/press(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/press/outlet/pets-18";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:food|books)/stores(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/stores/books/food-19";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:music|wine)/careers(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/careers/wine/music-20";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:sport|garden)/brands(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/brands/garden/sport-21";
    error 601 "Moved Permanently";
  } elsif ((req.url.path ~ {"^/(?:sale|gifts)/spring(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"} && req.url.qs !~ "(?i)(?:^|&)noredirect=1(?:&|$)") || req.url.path == "/sale-spring-22") {
    set req.http.X-Redirect-Location = "/spring/gifts/sale-22";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:wine|garden)/blog(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/blog/garden/wine-23";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:toys|beauty)/careers(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/careers/beauty/toys-24";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:garden|kids)/autumn(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/autumn/kids/garden-25";
    set req.http.X-Redirect-Location = req.http.X-Redirect-Location "?" req.url.qs;
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:tech|books)/clearance(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/clearance/books/tech-26";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:beauty|women)/press(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/press/women/beauty-27";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:books|bags)/spring(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/spring/bags/books-28";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:food|wine)/stores(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/stores/wine/food-29";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:beauty|sport)/members(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/members/sport/beauty-30";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:toys|wine)/careers(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/careers/wine/toys-31";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:kids|pets)/guides(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"} && req.http.Host ~ "(?i)^(www\.)?example\.(com|co\.uk)$") {
    set req.http.X-Redirect-Location = "/guides/pets/kids-32";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:toys|kids)/winter(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/winter/kids/toys-33";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:garden|wine)/careers(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/careers/wine/garden-34";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:garden|travel)/help(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/help/travel/garden-35";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:shoes|music)/help(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/help/music/shoes-36";
    set req.http.X-Redirect-Location = req.http.X-Redirect-Location "?" req.url.qs;
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:sale|men)/press(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/press/men/sale-37";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:bags|outlet)/lookbook(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/lookbook/outlet/bags-38";
    error 601 "Moved Permanently";
  } else if ((req.url.path ~ {"^/(?:women|gifts)/returns(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"} && req.url.qs !~ "(?i)(?:^|&)noredirect=1(?:&|$)") || req.url.path == "/women-returns-39") {
    set req.http.X-Redirect-Location = "/returns/gifts/women-39";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:travel|toys)/spring(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/spring/toys/travel-40";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:sale|music)/returns(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/returns/music/sale-41";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:food|home)/new-in(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/new-in/home/food-42";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:books|food)/guides(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/guides/food/books-43";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:books|sport)/returns(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/returns/sport/books-44";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:gifts|women)/spring(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/spring/women/gifts-45";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:sale|women)/brands(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/brands/women/sale-46";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:gifts|shoes)/press(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/press/shoes/gifts-47";
    set req.http.X-Redirect-Location = req.http.X-Redirect-Location "?" req.url.qs;
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:wine|sale)/guides(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/guides/sale/wine-48";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:garden|shoes)/new-in(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/new-in/shoes/garden-49";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:books|food)/help(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/help/food/books-50";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:pets|wine)/stores(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/stores/wine/pets-51";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:women|tech)/members(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/members/tech/women-52";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:bags|music)/events(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/events/music/bags-53";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:travel|pets)/returns(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/returns/pets/travel-54";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:travel|men)/press(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"} && req.http.Host ~ "(?i)^(www\.)?example\.(com|co\.uk)$") {
    set req.http.X-Redirect-Location = "/press/men/travel-55";
    error 602 "Found";
  } elseif ((req.url.path ~ {"^/(?:travel|bags)/bestsellers(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"} && req.url.qs !~ "(?i)(?:^|&)noredirect=1(?:&|$)") || req.url.path == "/travel-bestsellers-56") {
    set req.http.X-Redirect-Location = "/bestsellers/bags/travel-56";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:kids|outlet)/careers(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/careers/outlet/kids-57";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:sale|men)/stores(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/stores/men/sale-58";
    set req.http.X-Redirect-Location = req.http.X-Redirect-Location "?" req.url.qs;
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:pets|bags)/autumn(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/autumn/bags/pets-59";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:shoes|wine)/new-in(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/new-in/wine/shoes-60";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:food|men)/help(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/help/men/food-61";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:pets|shoes)/spring(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/spring/shoes/pets-62";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:outlet|travel)/new-in(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/new-in/travel/outlet-63";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:home|sport)/members(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/members/sport/home-64";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:sport|toys)/autumn(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/autumn/toys/sport-65";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:men|toys)/careers(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/careers/toys/men-66";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:toys|pets)/lookbook(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/lookbook/pets/toys-67";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:kids|women)/autumn(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/autumn/women/kids-68";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:beauty|home)/press(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/press/home/beauty-69";
    set req.http.X-Redirect-Location = req.http.X-Redirect-Location "?" req.url.qs;
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:sale|tech)/summer(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/summer/tech/sale-70";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:outlet|tech)/help(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/help/tech/outlet-71";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:women|food)/summer(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/summer/food/women-72";
    error 601 "Moved Permanently";
  } else if ((req.url.path ~ {"^/(?:tech|garden)/spring(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"} && req.url.qs !~ "(?i)(?:^|&)noredirect=1(?:&|$)") || req.url.path == "/tech-spring-73") {
    set req.http.X-Redirect-Location = "/spring/garden/tech-73";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:home|tech)/help(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/help/tech/home-74";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:sale|sport)/brands(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/brands/sport/sale-75";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:food|pets)/blog(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/blog/pets/food-76";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:beauty|gifts)/members(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/members/gifts/beauty-77";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:outlet|gifts)/returns(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"} && req.http.Host ~ "(?i)^(www\.)?example\.(com|co\.uk)$") {
    set req.http.X-Redirect-Location = "/returns/gifts/outlet-78";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:gifts|outlet)/blog(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/blog/outlet/gifts-79";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:toys|sport)/summer(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/summer/sport/toys-80";
    set req.http.X-Redirect-Location = req.http.X-Redirect-Location "?" req.url.qs;
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:shoes|home)/press(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/press/home/shoes-81";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:home|outlet)/members(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/members/outlet/home-82";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:sport|music)/help(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/help/music/sport-83";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:sport|kids)/brands(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/brands/kids/sport-84";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:men|gifts)/press(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/press/gifts/men-85";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:outlet|beauty)/bestsellers(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/bestsellers/beauty/outlet-86";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:toys|shoes)/press(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/press/shoes/toys-87";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:sport|kids)/autumn(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/autumn/kids/sport-88";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:travel|outlet)/press(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/press/outlet/travel-89";
    error 601 "Moved Permanently";
  } else if ((req.url.path ~ {"^/(?:sale|books)/stores(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"} && req.url.qs !~ "(?i)(?:^|&)noredirect=1(?:&|$)") || req.url.path == "/sale-stores-90") {
    set req.http.X-Redirect-Location = "/stores/books/sale-90";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:kids|travel)/careers(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/careers/travel/kids-91";
    set req.http.X-Redirect-Location = req.http.X-Redirect-Location "?" req.url.qs;
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:travel|kids)/clearance(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/clearance/kids/travel-92";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:sale|women)/summer(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/summer/women/sale-93";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:women|wine)/careers(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/careers/wine/women-94";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:women|toys)/help(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/help/toys/women-95";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:women|food)/events(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/events/food/women-96";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:women|shoes)/summer(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/summer/shoes/women-97";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:men|tech)/new-in(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/new-in/tech/men-98";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:books|outlet)/bestsellers(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/bestsellers/outlet/books-99";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:shoes|home)/bestsellers(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/bestsellers/home/shoes-100";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:garden|tech)/brands(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"} && req.http.Host ~ "(?i)^(www\.)?example\.(com|co\.uk)$") {
    set req.http.X-Redirect-Location = "/brands/tech/garden-101";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:wine|beauty)/guides(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/guides/beauty/wine-102";
    set req.http.X-Redirect-Location = req.http.X-Redirect-Location "?" req.url.qs;
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:food|books)/new-in(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/new-in/books/food-103";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:bags|sport)/careers(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/careers/sport/bags-104";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:wine|tech)/delivery(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/delivery/tech/wine-105";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:tech|women)/events(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/events/women/tech-106";
    error 601 "Moved Permanently";
  } elsif ((req.url.path ~ {"^/(?:women|tech)/blog(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"} && req.url.qs !~ "(?i)(?:^|&)noredirect=1(?:&|$)") || req.url.path == "/women-blog-107") {
    set req.http.X-Redirect-Location = "/blog/tech/women-107";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:shoes|music)/clearance(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/clearance/music/shoes-108";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:pets|shoes)/new-in(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/new-in/shoes/pets-109";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:sale|women)/press(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/press/women/sale-110";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:pets|men)/events(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/events/men/pets-111";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:bags|beauty)/blog(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/blog/beauty/bags-112";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:tech|food)/press(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/press/food/tech-113";
    set req.http.X-Redirect-Location = req.http.X-Redirect-Location "?" req.url.qs;
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:men|food)/winter(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/winter/food/men-114";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:gifts|outlet)/guides(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/guides/outlet/gifts-115";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:bags|men)/blog(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/blog/men/bags-116";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:music|food)/summer(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/summer/food/music-117";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:kids|music)/stores(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/stores/music/kids-118";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:pets|tech)/members(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/members/tech/pets-119";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:tech|outlet)/guides(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/guides/outlet/tech-120";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:music|tech)/events(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/events/tech/music-121";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:toys|tech)/brands(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/brands/tech/toys-122";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:tech|home)/events(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/events/home/tech-123";
    error 601 "Moved Permanently";
  } else if ((req.url.path ~ {"^/(?:outlet|music)/new-in(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"} && req.url.qs !~ "(?i)(?:^|&)noredirect=1(?:&|$)") || req.url.path == "/outlet-new-in-124" && req.http.Host ~ "(?i)^(www\.)?example\.(com|co\.uk)$") {
    set req.http.X-Redirect-Location = "/new-in/music/outlet-124";
    set req.http.X-Redirect-Location = req.http.X-Redirect-Location "?" req.url.qs;
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:books|men)/returns(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/returns/men/books-125";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:music|beauty)/spring(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/spring/beauty/music-126";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:gifts|books)/spring(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/spring/books/gifts-127";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:outlet|garden)/autumn(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/autumn/garden/outlet-128";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:women|sport)/new-in(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/new-in/sport/women-129";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:home|women)/careers(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/careers/women/home-130";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:gifts|men)/returns(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/returns/men/gifts-131";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:toys|sale)/brands(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/brands/sale/toys-132";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:sale|books)/blog(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/blog/books/sale-133";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:travel|beauty)/delivery(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/delivery/beauty/travel-134";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:outlet|sport)/stores(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/stores/sport/outlet-135";
    set req.http.X-Redirect-Location = req.http.X-Redirect-Location "?" req.url.qs;
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:kids|sport)/summer(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/summer/sport/kids-136";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:beauty|food)/careers(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/careers/food/beauty-137";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:music|shoes)/returns(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/returns/shoes/music-138";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:beauty|tech)/members(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/members/tech/beauty-139";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:garden|tech)/spring(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/spring/tech/garden-140";
    error 602 "Found";
  } elseif ((req.url.path ~ {"^/(?:men|gifts)/autumn(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"} && req.url.qs !~ "(?i)(?:^|&)noredirect=1(?:&|$)") || req.url.path == "/men-autumn-141") {
    set req.http.X-Redirect-Location = "/autumn/gifts/men-141";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:kids|home)/guides(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/guides/home/kids-142";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:bags|sale)/guides(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/guides/sale/bags-143";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:women|books)/guides(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/guides/books/women-144";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:travel|women)/events(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/events/women/travel-145";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:tech|wine)/press(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/press/wine/tech-146";
    set req.http.X-Redirect-Location = req.http.X-Redirect-Location "?" req.url.qs;
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:beauty|kids)/guides(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"} && req.http.Host ~ "(?i)^(www\.)?example\.(com|co\.uk)$") {
    set req.http.X-Redirect-Location = "/guides/kids/beauty-147";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:bags|sale)/delivery(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/delivery/sale/bags-148";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:kids|home)/summer(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/summer/home/kids-149";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:kids|home)/spring(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/spring/home/kids-150";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:pets|gifts)/spring(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/spring/gifts/pets-151";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:home|men)/careers(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/careers/men/home-152";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:shoes|beauty)/events(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/events/beauty/shoes-153";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:books|home)/members(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/members/home/books-154";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:women|bags)/blog(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/blog/bags/women-155";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:gifts|men)/clearance(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/clearance/men/gifts-156";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:home|bags)/clearance(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/clearance/bags/home-157";
    set req.http.X-Redirect-Location = req.http.X-Redirect-Location "?" req.url.qs;
    error 601 "Moved Permanently";
  } else if ((req.url.path ~ {"^/(?:outlet|garden)/lookbook(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"} && req.url.qs !~ "(?i)(?:^|&)noredirect=1(?:&|$)") || req.url.path == "/outlet-lookbook-158") {
    set req.http.X-Redirect-Location = "/lookbook/garden/outlet-158";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:tech|outlet)/lookbook(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/lookbook/outlet/tech-159";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:music|tech)/clearance(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/clearance/tech/music-160";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:home|sport)/summer(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/summer/sport/home-161";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:home|bags)/summer(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/summer/bags/home-162";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:shoes|tech)/events(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/events/tech/shoes-163";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:outlet|tech)/press(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/press/tech/outlet-164";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:gifts|music)/autumn(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/autumn/music/gifts-165";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:books|toys)/events(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/events/toys/books-166";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:travel|tech)/lookbook(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/lookbook/tech/travel-167";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:outlet|gifts)/stores(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/stores/gifts/outlet-168";
    set req.http.X-Redirect-Location = req.http.X-Redirect-Location "?" req.url.qs;
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:outlet|women)/returns(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/returns/women/outlet-169";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:sport|bags)/new-in(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"} && req.http.Host ~ "(?i)^(www\.)?example\.(com|co\.uk)$") {
    set req.http.X-Redirect-Location = "/new-in/bags/sport-170";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:shoes|kids)/guides(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/guides/kids/shoes-171";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:books|sale)/winter(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/winter/sale/books-172";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:kids|travel)/blog(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/blog/travel/kids-173";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:garden|gifts)/lookbook(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/lookbook/gifts/garden-174";
    error 601 "Moved Permanently";
  } else if ((req.url.path ~ {"^/(?:bags|music)/clearance(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"} && req.url.qs !~ "(?i)(?:^|&)noredirect=1(?:&|$)") || req.url.path == "/bags-clearance-175") {
    set req.http.X-Redirect-Location = "/clearance/music/bags-175";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:sale|home)/careers(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/careers/home/sale-176";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:shoes|home)/help(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/help/home/shoes-177";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:beauty|food)/stores(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/stores/food/beauty-178";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:gifts|bags)/lookbook(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/lookbook/bags/gifts-179";
    set req.http.X-Redirect-Location = req.http.X-Redirect-Location "?" req.url.qs;
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:outlet|sport)/clearance(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/clearance/sport/outlet-180";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:shoes|beauty)/returns(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/returns/beauty/shoes-181";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:kids|toys)/guides(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/guides/toys/kids-182";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:tech|outlet)/brands(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/brands/outlet/tech-183";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:tech|shoes)/spring(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/spring/shoes/tech-184";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:home|kids)/new-in(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/new-in/kids/home-185";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:travel|wine)/winter(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/winter/wine/travel-186";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:travel|shoes)/lookbook(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/lookbook/shoes/travel-187";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:garden|gifts)/spring(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/spring/gifts/garden-188";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:wine|tech)/new-in(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/new-in/tech/wine-189";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:pets|travel)/stores(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/stores/travel/pets-190";
    set req.http.X-Redirect-Location = req.http.X-Redirect-Location "?" req.url.qs;
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:toys|women)/lookbook(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/lookbook/women/toys-191";
    error 601 "Moved Permanently";
  } elsif ((req.url.path ~ {"^/(?:pets|women)/winter(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"} && req.url.qs !~ "(?i)(?:^|&)noredirect=1(?:&|$)") || req.url.path == "/pets-winter-192") {
    set req.http.X-Redirect-Location = "/winter/women/pets-192";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:tech|books)/blog(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"} && req.http.Host ~ "(?i)^(www\.)?example\.(com|co\.uk)$") {
    set req.http.X-Redirect-Location = "/blog/books/tech-193";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:women|tech)/blog(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/blog/tech/women-194";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:wine|shoes)/offers(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/offers/shoes/wine-195";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:gifts|kids)/summer(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/summer/kids/gifts-196";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:bags|women)/help(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/help/women/bags-197";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:men|travel)/careers(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/careers/travel/men-198";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:food|bags)/summer(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/summer/bags/food-199";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:food|gifts)/press(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/press/gifts/food-200";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:home|shoes)/careers(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/careers/shoes/home-201";
    set req.http.X-Redirect-Location = req.http.X-Redirect-Location "?" req.url.qs;
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:kids|tech)/events(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/events/tech/kids-202";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:kids|tech)/spring(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/spring/tech/kids-203";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:toys|home)/spring(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/spring/home/toys-204";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:home|gifts)/bestsellers(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/bestsellers/gifts/home-205";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:gifts|music)/press(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/press/music/gifts-206";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:travel|kids)/press(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/press/kids/travel-207";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:garden|bags)/members(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/members/bags/garden-208";
    error 601 "Moved Permanently";
  } else if ((req.url.path ~ {"^/(?:outlet|kids)/members(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"} && req.url.qs !~ "(?i)(?:^|&)noredirect=1(?:&|$)") || req.url.path == "/outlet-members-209") {
    set req.http.X-Redirect-Location = "/members/kids/outlet-209";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:women|beauty)/guides(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/guides/beauty/women-210";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:garden|wine)/new-in(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/new-in/wine/garden-211";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:shoes|toys)/winter(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/winter/toys/shoes-212";
    set req.http.X-Redirect-Location = req.http.X-Redirect-Location "?" req.url.qs;
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:toys|home)/autumn(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/autumn/home/toys-213";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:outlet|toys)/lookbook(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/lookbook/toys/outlet-214";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:tech|garden)/careers(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/careers/garden/tech-215";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:music|pets)/autumn(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"} && req.http.Host ~ "(?i)^(www\.)?example\.(com|co\.uk)$") {
    set req.http.X-Redirect-Location = "/autumn/pets/music-216";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:food|outlet)/lookbook(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/lookbook/outlet/food-217";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:kids|toys)/summer(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/summer/toys/kids-218";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:garden|music)/spring(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/spring/music/garden-219";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:tech|music)/guides(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/guides/music/tech-220";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:travel|outlet)/bestsellers(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/bestsellers/outlet/travel-221";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:kids|wine)/spring(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/spring/wine/kids-222";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:women|tech)/guides(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/guides/tech/women-223";
    set req.http.X-Redirect-Location = req.http.X-Redirect-Location "?" req.url.qs;
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:sport|women)/members(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/members/women/sport-224";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:tech|home)/autumn(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/autumn/home/tech-225";
    error 602 "Found";
  } elseif ((req.url.path ~ {"^/(?:sport|gifts)/press(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"} && req.url.qs !~ "(?i)(?:^|&)noredirect=1(?:&|$)") || req.url.path == "/sport-press-226") {
    set req.http.X-Redirect-Location = "/press/gifts/sport-226";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:toys|travel)/summer(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/summer/travel/toys-227";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:sale|shoes)/press(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/press/shoes/sale-228";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:music|travel)/lookbook(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/lookbook/travel/music-229";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:women|books)/help(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/help/books/women-230";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:travel|beauty)/autumn(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/autumn/beauty/travel-231";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:beauty|shoes)/stores(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/stores/shoes/beauty-232";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:beauty|travel)/autumn(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/autumn/travel/beauty-233";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:outlet|shoes)/lookbook(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/lookbook/shoes/outlet-234";
    set req.http.X-Redirect-Location = req.http.X-Redirect-Location "?" req.url.qs;
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:home|sport)/spring(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/spring/sport/home-235";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:travel|pets)/offers(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/offers/pets/travel-236";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:kids|sport)/delivery(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/delivery/sport/kids-237";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:home|bags)/guides(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/guides/bags/home-238";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:men|bags)/lookbook(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"} && req.http.Host ~ "(?i)^(www\.)?example\.(com|co\.uk)$") {
    set req.http.X-Redirect-Location = "/lookbook/bags/men-239";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:women|gifts)/guides(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/guides/gifts/women-240";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:books|tech)/stores(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/stores/tech/books-241";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:outlet|sport)/delivery(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/delivery/sport/outlet-242";
    error 601 "Moved Permanently";
  } else if ((req.url.path ~ {"^/(?:shoes|travel)/events(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"} && req.url.qs !~ "(?i)(?:^|&)noredirect=1(?:&|$)") || req.url.path == "/shoes-events-243") {
    set req.http.X-Redirect-Location = "/events/travel/shoes-243";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:food|outlet)/spring(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/spring/outlet/food-244";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:bags|books)/careers(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/careers/books/bags-245";
    set req.http.X-Redirect-Location = req.http.X-Redirect-Location "?" req.url.qs;
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:pets|women)/lookbook(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/lookbook/women/pets-246";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:toys|bags)/events(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/events/bags/toys-247";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:women|sale)/press(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/press/sale/women-248";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:books|beauty)/lookbook(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/lookbook/beauty/books-249";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:garden|home)/guides(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/guides/home/garden-250";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:travel|gifts)/lookbook(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/lookbook/gifts/travel-251";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:toys|food)/returns(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/returns/food/toys-252";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:men|sale)/clearance(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/clearance/sale/men-253";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:kids|outlet)/blog(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/blog/outlet/kids-254";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:toys|food)/brands(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/brands/food/toys-255";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:music|beauty)/careers(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/careers/beauty/music-256";
    set req.http.X-Redirect-Location = req.http.X-Redirect-Location "?" req.url.qs;
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:books|women)/events(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/events/women/books-257";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:outlet|gifts)/spring(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/spring/gifts/outlet-258";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:sale|beauty)/events(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/events/beauty/sale-259";
    error 601 "Moved Permanently";
  } else if ((req.url.path ~ {"^/(?:kids|beauty)/brands(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"} && req.url.qs !~ "(?i)(?:^|&)noredirect=1(?:&|$)") || req.url.path == "/kids-brands-260") {
    set req.http.X-Redirect-Location = "/brands/beauty/kids-260";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:sport|home)/offers(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/offers/home/sport-261";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:outlet|shoes)/delivery(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"} && req.http.Host ~ "(?i)^(www\.)?example\.(com|co\.uk)$") {
    set req.http.X-Redirect-Location = "/delivery/shoes/outlet-262";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:travel|books)/blog(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/blog/books/travel-263";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:outlet|travel)/guides(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/guides/travel/outlet-264";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:beauty|bags)/press(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/press/bags/beauty-265";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:home|wine)/help(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/help/wine/home-266";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:women|tech)/blog(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/blog/tech/women-267";
    set req.http.X-Redirect-Location = req.http.X-Redirect-Location "?" req.url.qs;
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:outlet|kids)/guides(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/guides/kids/outlet-268";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:gifts|travel)/returns(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/returns/travel/gifts-269";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:music|books)/lookbook(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/lookbook/books/music-270";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:shoes|women)/winter(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/winter/women/shoes-271";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:books|toys)/offers(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/offers/toys/books-272";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:toys|shoes)/spring(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/spring/shoes/toys-273";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:travel|tech)/careers(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/careers/tech/travel-274";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:music|gifts)/autumn(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/autumn/gifts/music-275";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:gifts|women)/new-in(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/new-in/women/gifts-276";
    error 601 "Moved Permanently";
  } elsif ((req.url.path ~ {"^/(?:tech|men)/careers(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"} && req.url.qs !~ "(?i)(?:^|&)noredirect=1(?:&|$)") || req.url.path == "/tech-careers-277") {
    set req.http.X-Redirect-Location = "/careers/men/tech-277";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:kids|food)/winter(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/winter/food/kids-278";
    set req.http.X-Redirect-Location = req.http.X-Redirect-Location "?" req.url.qs;
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:shoes|women)/brands(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/brands/women/shoes-279";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:wine|bags)/lookbook(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/lookbook/bags/wine-280";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:women|home)/blog(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/blog/home/women-281";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:books|men)/autumn(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/autumn/men/books-282";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:kids|garden)/blog(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/blog/garden/kids-283";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:wine|outlet)/returns(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/returns/outlet/wine-284";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:home|gifts)/members(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"} && req.http.Host ~ "(?i)^(www\.)?example\.(com|co\.uk)$") {
    set req.http.X-Redirect-Location = "/members/gifts/home-285";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:shoes|pets)/events(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/events/pets/shoes-286";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:garden|music)/guides(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/guides/music/garden-287";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:beauty|gifts)/press(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/press/gifts/beauty-288";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:tech|gifts)/events(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/events/gifts/tech-289";
    set req.http.X-Redirect-Location = req.http.X-Redirect-Location "?" req.url.qs;
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:gifts|shoes)/delivery(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/delivery/shoes/gifts-290";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:garden|bags)/summer(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/summer/bags/garden-291";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:outlet|toys)/delivery(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/delivery/toys/outlet-292";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:kids|home)/brands(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/brands/home/kids-293";
    error 601 "Moved Permanently";
  } else if ((req.url.path ~ {"^/(?:books|sport)/brands(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"} && req.url.qs !~ "(?i)(?:^|&)noredirect=1(?:&|$)") || req.url.path == "/books-brands-294") {
    set req.http.X-Redirect-Location = "/brands/sport/books-294";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:toys|bags)/stores(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/stores/bags/toys-295";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:books|sport)/returns(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/returns/sport/books-296";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:outlet|shoes)/lookbook(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/lookbook/shoes/outlet-297";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:tech|kids)/bestsellers(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/bestsellers/kids/tech-298";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:toys|outlet)/lookbook(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/lookbook/outlet/toys-299";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:outlet|gifts)/careers(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/careers/gifts/outlet-300";
    set req.http.X-Redirect-Location = req.http.X-Redirect-Location "?" req.url.qs;
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:gifts|home)/lookbook(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/lookbook/home/gifts-301";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:men|toys)/members(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/members/toys/men-302";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:sale|gifts)/press(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/press/gifts/sale-303";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:books|bags)/members(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/members/bags/books-304";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:women|travel)/winter(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/winter/travel/women-305";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:outlet|shoes)/members(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/members/shoes/outlet-306";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:women|books)/winter(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/winter/books/women-307";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:bags|sale)/returns(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"} && req.http.Host ~ "(?i)^(www\.)?example\.(com|co\.uk)$") {
    set req.http.X-Redirect-Location = "/returns/sale/bags-308";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:music|beauty)/autumn(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/autumn/beauty/music-309";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:kids|sale)/stores(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/stores/sale/kids-310";
    error 602 "Found";
  } elseif ((req.url.path ~ {"^/(?:outlet|sale)/blog(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"} && req.url.qs !~ "(?i)(?:^|&)noredirect=1(?:&|$)") || req.url.path == "/outlet-blog-311") {
    set req.http.X-Redirect-Location = "/blog/sale/outlet-311";
    set req.http.X-Redirect-Location = req.http.X-Redirect-Location "?" req.url.qs;
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:music|bags)/lookbook(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/lookbook/bags/music-312";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:travel|sport)/stores(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/stores/sport/travel-313";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:music|sale)/autumn(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/autumn/sale/music-314";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:shoes|kids)/guides(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/guides/kids/shoes-315";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:kids|sport)/delivery(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/delivery/sport/kids-316";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:men|food)/bestsellers(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/bestsellers/food/men-317";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:travel|sport)/lookbook(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/lookbook/sport/travel-318";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:books|kids)/winter(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/winter/kids/books-319";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:toys|outlet)/help(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/help/outlet/toys-320";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:food|music)/bestsellers(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/bestsellers/music/food-321";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:beauty|sport)/press(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/press/sport/beauty-322";
    set req.http.X-Redirect-Location = req.http.X-Redirect-Location "?" req.url.qs;
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:shoes|books)/brands(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/brands/books/shoes-323";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:travel|bags)/returns(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/returns/bags/travel-324";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:bags|music)/spring(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/spring/music/bags-325";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:bags|home)/bestsellers(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/bestsellers/home/bags-326";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:kids|beauty)/help(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/help/beauty/kids-327";
    error 601 "Moved Permanently";
  } else if ((req.url.path ~ {"^/(?:home|beauty)/members(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"} && req.url.qs !~ "(?i)(?:^|&)noredirect=1(?:&|$)") || req.url.path == "/home-members-328") {
    set req.http.X-Redirect-Location = "/members/beauty/home-328";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:bags|home)/stores(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/stores/home/bags-329";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:home|garden)/summer(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/summer/garden/home-330";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:pets|kids)/summer(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"} && req.http.Host ~ "(?i)^(www\.)?example\.(com|co\.uk)$") {
    set req.http.X-Redirect-Location = "/summer/kids/pets-331";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:gifts|men)/press(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/press/men/gifts-332";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:music|travel)/guides(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/guides/travel/music-333";
    set req.http.X-Redirect-Location = req.http.X-Redirect-Location "?" req.url.qs;
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:books|toys)/new-in(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/new-in/toys/books-334";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:toys|sale)/summer(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/summer/sale/toys-335";
    error 602 "Found";
  } elseif (req.url.path ~ {"^/(?:garden|women)/members(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/members/women/garden-336";
    error 601 "Moved Permanently";
  } elsif (req.url.path ~ {"^/(?:gifts|beauty)/stores(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/stores/beauty/gifts-337";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:music|sport)/members(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/members/sport/music-338";
    error 601 "Moved Permanently";
  } else if (req.url.path ~ {"^/(?:kids|tech)/bestsellers(?:-[0-9]{2,4})?(?:/(?:index\.html?)?)?$"}) {
    set req.http.X-Redirect-Location = "/bestsellers/tech/kids-339";
    error 601 "Moved Permanently";
  }
}

sub vcl_recv {
#FASTLY recv
  if (req.restarts == 0 && req.request == "GET") {
    call legacy_redirects;
  }
  return(lookup);
}

sub vcl_error {
#FASTLY error
  if (obj.status == 601 || obj.status == 701) {
    set obj.status = 301;
    set obj.response = "Moved Permanently";
    set obj.http.Location = "https://" req.http.host req.http.X-Redirect-Location;
    set obj.http.Cache-Control = "max-age=3600";
    synthetic {""};
    return(deliver);
  }
  if (obj.status == 602) {
    set obj.status = 302;
    set obj.response = "Found";
    set obj.http.Location = "https://" req.http.host req.http.X-Redirect-Location;
    synthetic {""};
    return(deliver);
  }
  return(deliver);
}
