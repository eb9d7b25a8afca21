# Reference Getis-Ord Gi / Gi* z-values from R spdep's localG (Debian r-cran-spdep 1.2-7).
# Run: Rscript getis_ord_spdep.R   (writes getis_ord_spdep.csv next to this script)
# 60 points, uniform on [0, 100]^2, values log-normal; binary weights (style "B"):
#   band: dnearneigh(0, 25)  (neighbours at distance <= 25, self excluded)
#   knn : knn2nb(knearneigh(k = 5))
# Gi* adds each site to its own neighbour set (include.self), as Ord & Getis (1995).
suppressPackageStartupMessages(library(spdep))
set.seed(16)
n <- 60
x <- runif(n, 0, 100); y <- runif(n, 0, 100)
v <- exp(rnorm(n, 0, 0.8)) + 0.02 * x
xy <- cbind(x, y)
band <- dnearneigh(xy, 0, 25)
knn <- knn2nb(knearneigh(xy, k = 5))
g <- function(nb) as.numeric(localG(v, nb2listw(nb, style = "B", zero.policy = TRUE), zero.policy = TRUE))
out <- data.frame(x = x, y = y, value = v,
                  gi_band = g(band), gistar_band = g(include.self(band)),
                  gi_knn5 = g(knn), gistar_knn5 = g(include.self(knn)))
here <- dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)))
write.csv(out, file.path(here, "getis_ord_spdep.csv"), row.names = FALSE)
