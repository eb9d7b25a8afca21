# Exports country outlines of Europe (and its margins) from the 'world' database of the R package 'maps'
# (Debian r-cran-maps 3.4.1), which is imported from Natural Earth's 1:50m Admin-0 countries (public domain).
# Output: europe_borders.csv with columns part,lon,lat (EPSG:4326 degrees); one 'part' per polyline.
# Run: Rscript make_borders.R   (from this folder)
library(maps)
m <- map("world", xlim = c(-32, 45), ylim = c(33, 72), plot = FALSE, fill = FALSE, resolution = 0)
part <- cumsum(is.na(m$x)) + 1
keep <- !is.na(m$x) & abs(m$x) <= 180  # drop the few vertices past the antimeridian (far-east Russia)
out <- data.frame(part = part[keep], lon = round(m$x[keep], 4), lat = round(m$y[keep], 4))
# thin to every second vertex (keeping each polyline's ends): display use only
out <- do.call(rbind, lapply(split(out, out$part), function(d) {
  n <- nrow(d); idx <- unique(c(seq(1, n, by = 2), n)); d[idx, ]
}))
out$part <- as.integer(factor(out$part))
write.csv(out, "europe_borders.csv", row.names = FALSE, quote = FALSE)
cat(nrow(out), "vertices in", max(out$part), "polylines\n")
