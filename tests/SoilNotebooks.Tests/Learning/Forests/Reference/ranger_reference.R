#!/usr/bin/env Rscript
# Reference numbers from ranger 0.14 (Debian r-cran-ranger) for the forest tests.
# Run from this folder: Rscript ranger_reference.R  (after /usr/bin/python3 make_synthetic.py)
# Writes ranger_reference.csv: dataset,target,metric,mean,sd,seeds
#  - LimeSoDa BB.250, targets SOC/pH/Clay, 17 covariates, the predefined 10 folds (column Fold):
#    pooled out-of-fold R2 of ranger(num.trees=1000, mtry=4, min.node.size=5) and the pooled coverage
#    of the quantreg 5 %-95 % interval; mean and sd over seeds 1..5.
#  - synthetic_regression.csv: test-set R2 and 90 % interval coverage, same settings.
#  - synthetic_classification.csv: test-set accuracy of a classification forest (500 trees, default mtry, min.node.size 1).
suppressMessages(library(ranger))
cat("ranger", as.character(packageVersion("ranger")), "\n")
r2 <- function(o, p) 1 - sum((o - p)^2) / sum((o - mean(o))^2)
out <- data.frame()
add <- function(dataset, target, metric, v) {
  out <<- rbind(out, data.frame(dataset = dataset, target = target, metric = metric,
                                mean = mean(v), sd = sd(v), seeds = length(v)))
}
seeds <- 1:5
bb <- read.csv("../../../../../data-manifests/limesoda/LimeSoDa_BB.250.csv")
covs <- c("Altitude", "Slope", "ERa", "G_Total_Counts", "pH_ISE", "B02", "B03", "B04", "B05", "B06",
          "B07", "B08", "B8A", "B11", "B12", "NDVI", "GNDVI")
for (target in c("SOC_target", "pH_target", "Clay_target")) {
  r2s <- c(); covs90 <- c()
  for (s in seeds) {
    pred <- rep(NA, nrow(bb)); lo <- pred; hi <- pred
    for (k in sort(unique(bb$Fold))) {
      tr <- bb[bb$Fold != k, ]; te <- bb[bb$Fold == k, ]
      f <- ranger(x = tr[, covs], y = tr[[target]], num.trees = 1000, mtry = 4, min.node.size = 5,
                  seed = s * 100 + k, num.threads = 2, quantreg = TRUE, keep.inbag = TRUE)
      pred[bb$Fold == k] <- predict(f, te[, covs])$predictions
      q <- predict(f, te[, covs], type = "quantiles", quantiles = c(0.05, 0.95))$predictions
      lo[bb$Fold == k] <- q[, 1]; hi[bb$Fold == k] <- q[, 2]
    }
    r2s <- c(r2s, r2(bb[[target]], pred))
    covs90 <- c(covs90, mean(bb[[target]] >= lo & bb[[target]] <= hi))
  }
  add("BB.250", target, "cv_r2", r2s)
  add("BB.250", target, "cv_picp90", covs90)
}
syn <- read.csv("synthetic_regression.csv")
xs <- paste0("x", 0:9)
tr <- syn[syn$set == "train", ]; te <- syn[syn$set == "test", ]
r2s <- c(); covs90 <- c()
for (s in seeds) {
  f <- ranger(x = tr[, xs], y = tr$y, num.trees = 1000, mtry = 4, min.node.size = 5, seed = s,
              num.threads = 2, quantreg = TRUE)
  r2s <- c(r2s, r2(te$y, predict(f, te[, xs])$predictions))
  q <- predict(f, te[, xs], type = "quantiles", quantiles = c(0.05, 0.95))$predictions
  covs90 <- c(covs90, mean(te$y >= q[, 1] & te$y <= q[, 2]))
}
add("synthetic", "y", "test_r2", r2s)
add("synthetic", "y", "test_picp90", covs90)
cl <- read.csv("synthetic_classification.csv")
xc <- paste0("x", 0:7)
tr <- cl[cl$set == "train", ]; te <- cl[cl$set == "test", ]
acc <- c()
for (s in seeds) {
  f <- ranger(x = tr[, xc], y = factor(tr$class), num.trees = 500, min.node.size = 1, seed = s, num.threads = 2)
  acc <- c(acc, mean(as.character(predict(f, te[, xc])$predictions) == as.character(te$class)))
}
add("synthetic_classification", "class", "test_accuracy", acc)
write.csv(out, "ranger_reference.csv", row.names = FALSE, quote = FALSE)
print(out)
