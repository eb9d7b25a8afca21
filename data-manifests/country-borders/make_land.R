# Exports the land of the EU27 member states and the United Kingdom as filled polygons from the 'world' database of
# the R package 'maps' (Debian r-cran-maps 3.4.1), which is imported from Natural Earth's 1:50m Admin-0 countries
# (public domain). Islands are kept (Balearics, Corsica, Sardinia, Sicily, Crete, Malta, Gotland, Orkney, Shetland, ...);
# Cyprus is kept whole (Northern Cyprus included, as the EU counts the island); overseas territories outside Europe
# (Canary Islands, Azores, Madeira, the French overseas departments, Greenland, ...) are separate regions of the 'world'
# database and are not selected. A polygon whose centroid lies outside longitude -11...35 / latitude 34...72 (none in
# maps 3.4.1) or a Spanish polygon south of 36.0 N (Ceuta, Melilla, in Africa) would be dropped.
# Output: eu_gb_land.csv with columns country,part,lon,lat (EPSG:4326 degrees, ISO 3166-1 alpha-2 codes; UK as GB);
# one 'part' per closed ring (first vertex not repeated), all vertices (no thinning).
# Run: Rscript make_land.R   (from this folder)
library(maps)
iso <- c(Austria = "AT", Belgium = "BE", Bulgaria = "BG", Croatia = "HR", Cyprus = "CY", "Czech Republic" = "CZ",
         Denmark = "DK", Estonia = "EE", Finland = "FI", France = "FR", Germany = "DE", Greece = "GR", Hungary = "HU",
         Ireland = "IE", Italy = "IT", Latvia = "LV", Lithuania = "LT", Luxembourg = "LU", Malta = "MT",
         Netherlands = "NL", Poland = "PL", Portugal = "PT", Romania = "RO", Slovakia = "SK", Slovenia = "SI",
         Spain = "ES", Sweden = "SE", UK = "GB")
m <- map("world", regions = names(iso), exact = FALSE, fill = TRUE, plot = FALSE, resolution = 0)
part <- cumsum(is.na(m$x)) + 1
ok <- !is.na(m$x)
d <- data.frame(part = part[ok], lon = m$x[ok], lat = m$y[ok])
d$country <- unname(iso[sub(":.*$", "", m$names[d$part])])
stopifnot(!any(is.na(d$country)))
keep <- do.call(rbind, lapply(split(d, d$part), function(p) {
  cx <- mean(p$lon); cy <- mean(p$lat)
  inside <- cx >= -11 && cx <= 35 && cy >= 34 && cy <= 72 && !(p$country[1] == "ES" && cy < 36.0)
  if (!inside) return(NULL)
  n <- nrow(p)
  if (n > 1 && p$lon[1] == p$lon[n] && p$lat[1] == p$lat[n]) p <- p[-n, ]
  p
}))
keep <- keep[order(keep$country, keep$part, seq_len(nrow(keep))), ]
keep$part <- as.integer(factor(keep$part, levels = unique(keep$part)))
out <- data.frame(country = keep$country, part = keep$part, lon = round(keep$lon, 4), lat = round(keep$lat, 4))
write.csv(out, "eu_gb_land.csv", row.names = FALSE, quote = FALSE)
cat(nrow(out), "vertices in", max(out$part), "rings of", length(unique(out$country)), "countries\n")
