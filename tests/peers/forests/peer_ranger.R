#!/usr/bin/env Rscript
# ranger 0.14 peer for the forest benchmark (Debian r-cran-ranger): one repetition per call, so the driver
# (compare.sh) can interleave it with ours under the same machine load. Settings as the issue states:
# 500 trees, mtry 4, min.node.size 5, 2 threads; ranger's fit includes its OOB predictions.
# Usage: Rscript peer_ranger.R DATADIR SEED [large]
# Prints "name wall_seconds cpu_seconds" lines.
suppressMessages(library(ranger))
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]; seed <- as.integer(args[2]); large <- length(args) > 2 && args[3] == "large"
timed <- function(name, expr) {
  t <- system.time(v <- force(expr))
  cat(sprintf("%s %.4f %.4f\n", name, t[["elapsed"]], t[["user.self"]] + t[["sys.self"]]))
  v
}
if (!large) {
  d <- read.csv(file.path(dir, "bench_6136x14.csv"))
  x <- d[, setdiff(names(d), "y")]; y <- d$y
  f <- timed("ranger_fit", ranger(x = x, y = y, num.trees = 500, mtry = 4, min.node.size = 5, num.threads = 2, seed = seed, verbose = FALSE))
  p <- timed("ranger_predict", predict(f, x, num.threads = 2))
  cat(sprintf("ranger_oob_r2 %.4f %.4f\n", f$r.squared, f$r.squared))
  q <- timed("ranger_fit_quantreg", ranger(x = x, y = y, num.trees = 500, mtry = 4, min.node.size = 5, num.threads = 2,
                                           seed = seed, quantreg = TRUE, verbose = FALSE))
  qq <- timed("ranger_predict_quantiles", predict(q, x, type = "quantiles", quantiles = c(0.05, 0.5, 0.95), num.threads = 2))
} else {
  d <- read.csv(file.path(dir, "bench_40000x50.csv"))
  x <- d[, setdiff(names(d), "y")]; y <- d$y
  q <- timed("ranger_fit_quantreg_40000x50", ranger(x = x, y = y, num.trees = 500, min.node.size = 5, num.threads = 2,
                                                    seed = seed, quantreg = TRUE, verbose = FALSE))
}
