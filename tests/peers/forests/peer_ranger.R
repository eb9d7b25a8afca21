#!/usr/bin/env Rscript
# ranger 0.14 peer for the forest benchmark (Debian r-cran-ranger). Same data and settings as
# tests/SoilNotebooks.Benchmarks/Forests/ForestBenchmarks.cs: 500 trees, mtry 4, min.node.size 5, 2 threads.
# Usage: Rscript peer_ranger.R DATADIR REPS [large]
# Prints "name median_seconds" lines (wall clock; ranger's fit includes its OOB predictions).
suppressMessages(library(ranger))
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]; reps <- as.integer(args[2]); large <- length(args) > 2 && args[3] == "large"
d <- read.csv(file.path(dir, "bench_6136x14.csv"))
x <- d[, setdiff(names(d), "y")]; y <- d$y
time <- function(expr) { t0 <- proc.time()[["elapsed"]]; force(expr); proc.time()[["elapsed"]] - t0 }
fit <- c(); pred <- c(); qfit <- c(); qpred <- c(); r2 <- c()
for (r in seq_len(reps)) {
  f <- NULL
  fit <- c(fit, time(f <- ranger(x = x, y = y, num.trees = 500, mtry = 4, min.node.size = 5, num.threads = 2, seed = r)))
  pred <- c(pred, time(p <- predict(f, x, num.threads = 2)))
  r2 <- c(r2, f$r.squared)
  q <- NULL
  qfit <- c(qfit, time(q <- ranger(x = x, y = y, num.trees = 500, mtry = 4, min.node.size = 5, num.threads = 2, seed = r, quantreg = TRUE)))
  qpred <- c(qpred, time(qq <- predict(q, x, type = "quantiles", quantiles = c(0.05, 0.5, 0.95), num.threads = 2)))
}
cat(sprintf("ranger_fit %.4f\nranger_predict %.4f\nranger_fit_quantreg %.4f\nranger_predict_quantiles %.4f\nranger_oob_r2 %.4f\n",
            median(fit), median(pred), median(qfit), median(qpred), median(r2)))
if (large) {
  d <- read.csv(file.path(dir, "bench_40000x50.csv"))
  x <- d[, setdiff(names(d), "y")]; y <- d$y
  t <- time(q <- ranger(x = x, y = y, num.trees = 500, min.node.size = 5, num.threads = 2, seed = 1, quantreg = TRUE))
  cat(sprintf("ranger_fit_quantreg_40000x50 %.4f\n", t))
}
