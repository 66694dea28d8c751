# %% [markdown]
# # Lab: choosing λ
#
# The notes claim that as $\lambda$ grows, test performance first improves and then worsens.
# This lab sweeps $\lambda$ on the problem of the previous lab (same data, same start, same
# batches), plots the training, validation and test loss and $\lVert w\rVert$ against $\lambda$,
# chooses $\lambda$ on a validation set, and checks the claim.
#
# **The validation set** is a separate set of 100 examples drawn from the same distribution,
# not carved from the training data: taking 5 of the 20 training examples would leave 15 and change
# the very problem we are tuning. The test set is the same as in the previous lab and is only
# looked at after $\lambda$ has been chosen.

# %%
import matplotlib.pyplot as plt
import torch

torch.manual_seed(0)
torch.set_num_threads(1)

# %% [markdown]
# ## One training run per λ
#
# `train(wd, X, y)` is the optimizer version of the previous lab: SGD with parameter groups,
# decay on the weight only, 100 epochs, learning rate 0.003, weights and bias starting from
# $\mathcal N(0,1)$. The grid stops at $\lambda = 300$: the decay factor $1 - \eta\lambda$ must stay in
# $(-1, 1)$, that is $\lambda < 2/\eta \approx 667$, and at $\lambda = 1/\eta \approx 333$ each step would
# wipe out the old weights entirely.

# %%
num_inputs, batch_size, num_epochs, lr = 200, 5, 100, 0.003


def synthetic_data(w, b, n):
    X = torch.normal(0.0, 1.0, (n, len(w)))
    y = X @ w + b + torch.normal(0.0, 0.01, (n, 1))
    return X, y


def make_data(weight, n_train, n_test=100, n_val=100):
    true_w = torch.full((num_inputs, 1), weight)
    train, test, val = [synthetic_data(true_w, 0.05, n) for n in (n_train, n_test, n_val)]
    return train, val, test


def mse(w, b, X, y):
    return ((X @ w + b - y) ** 2).mean()


def train(wd, X, y, seed=1):
    torch.manual_seed(seed)  # same start and batch order for every lambda
    w = torch.normal(0.0, 1.0, (num_inputs, 1)).requires_grad_()
    b = torch.normal(0.0, 1.0, (1,)).requires_grad_()
    trainer = torch.optim.SGD([{"params": [w], "weight_decay": wd}, {"params": [b]}], lr=lr)
    for epoch in range(num_epochs):
        order = torch.randperm(len(X))
        for i in range(0, len(X), batch_size):
            idx = order[i:i + batch_size]
            trainer.zero_grad()
            mse(w, b, X[idx], y[idx]).backward()
            trainer.step()
    return w.detach(), b.detach()


lambdas = [0, 0.1, 0.3, 1, 3, 10, 30, 100, 300]


def sweep(data):
    (X_tr, y_tr), (X_va, y_va), (X_te, y_te) = data
    rows = []
    for wd in lambdas:
        w, b = train(wd, X_tr, y_tr)
        rows.append([mse(w, b, X_tr, y_tr).item(), mse(w, b, X_va, y_va).item(),
                     mse(w, b, X_te, y_te).item(), w.norm().item(), b.item()])
    return rows

# %% [markdown]
# ## The sweep on the notes' problem

# %%
data = make_data(weight=0.01, n_train=20)
rows = sweep(data)
print("lambda     train       val      test     |w|")
for wd, (tr, va, te, nw, _) in zip(lambdas, rows):
    print(f"{wd:6g} {tr:9.2e} {va:9.3g} {te:9.3g} {nw:7.3g}")

# %%
def plot_sweep(rows, title):
    fig, axes = plt.subplots(1, 2, figsize=(10, 3.5))
    for k, name in enumerate(["train", "val", "test"]):
        axes[0].plot(lambdas, [r[k] for r in rows], marker="o", label=name)
    axes[1].plot(lambdas, [r[3] for r in rows], marker="o")
    for ax, ylabel in zip(axes, ["loss", "||w||"]):
        ax.set_xscale("symlog", linthresh=0.1)
        ax.set_yscale("log")
        ax.set_xlabel("lambda")
        ax.set_ylabel(ylabel)
    axes[0].legend()
    fig.suptitle(title)
    fig.tight_layout()
    plt.show()


plot_sweep(rows, "true weights 0.01, 20 training examples")

# %% [markdown]
# The training loss rises from below $10^{-8}$ (rounding level) to about 0.02 and then stays there;
# $\lVert w\rVert$ falls steadily from 14 to below 0.01. The test loss does **not** turn back up: it falls
# at every step of the grid, from about 200 at $\lambda = 0$ to about 0.03 at $\lambda = 300$. The validation
# loss does the same.

# %%
def choose(rows):
    k = min(range(len(lambdas)), key=lambda i: rows[i][1])
    return lambdas[k], rows[k][2]


chosen_lambda, test_at_chosen = choose(rows)
(X_tr, y_tr), _, (X_te, y_te) = data
test_mean_only = ((y_te - y_tr.mean()) ** 2).mean().item()
test_curve = [r[2] for r in rows]
test_decreasing = all(a > b for a, b in zip(test_curve, test_curve[1:]))
print(f"chosen lambda (lowest validation loss): {chosen_lambda}")
print(f"test loss at the chosen lambda: {test_at_chosen:.3g}")
print(f"test loss of predicting the training mean: {test_mean_only:.3g}")
bias_at_chosen = rows[lambdas.index(chosen_lambda)][4]
print(f"bias at the chosen lambda: {bias_at_chosen:.3g}; training mean of y: {y_tr.mean().item():.3g}")
print(f"test loss decreases at every step of the sweep: {test_decreasing}")

# %% [markdown]
# ## Choosing λ on the validation set
#
# The validation loss picks $\lambda = 300$, the largest value in the grid, with a test loss of about
# 0.03. A choice on the edge of the grid is itself a warning: the optimum may lie beyond it. Here
# it cannot go much further (see the stability bound above), and there is a more telling
# comparison: predicting the training mean of $y$ for every input, ignoring $x$ altogether, gives a
# test loss of about 0.02, *lower* than the best $\lambda$. Part of the gap is the bias: it starts from $\mathcal N(0,1)$,
# is not decayed, and after 400 steps at learning rate 0.003 it is still about 0.15, far from the
# training mean of $y$ that the trivial predictor uses.
#
# ## Why there is no U here
#
# - **The left side** is the random start of the previous lab: the 180 directions the data never
#   touches keep their $\mathcal N(0,1)$ values unless decay removes them, and more decay removes more.
# - **The right side** would be underfitting, and in this problem underfitting costs almost nothing.
#   The signal is tiny: $x^\top w^*$ has variance $\lVert w^*\rVert^2 = 200 \cdot 0.01^2 = 0.02$, and from 20
#   examples in 200 dimensions a linear fit can at best recover the part of $w^*$ in the span of the
#   training inputs, about $20/200$ of that variance. So the "fully underfit" model $w = 0$ is within
#   about 10 % of the best possible test loss, and shrinking $w$ to zero cannot visibly hurt.

# %% [markdown]
# ## A setup where the curve is U-shaped
#
# Make underfitting expensive: true weights 0.1 instead of 0.01 (signal variance 2 instead of 0.02),
# everything else unchanged, first with the same 20 training examples, then with 100.

# %%
results = {}
for n_train in (20, 100):
    rows_big = sweep(make_data(weight=0.1, n_train=n_train))
    results[n_train] = rows_big
    plot_sweep(rows_big, f"true weights 0.1, {n_train} training examples")
    lam, test = choose(rows_big)
    best = min(r[2] for r in rows_big)
    print(f"n_train = {n_train}: chosen lambda {lam}, test {test:.3g}, "
          f"best test {best:.3g}, test at lambda = 300: {rows_big[-1][2]:.3g}")

rows_u = results[100]
chosen_lambda_u, test_at_chosen_u = choose(rows_u)
test_at_largest_u = rows_u[-1][2]
train_u = [r[0] for r in rows_u]
test_u = [r[2] for r in rows_u]

# %% [markdown]
# With 20 examples the curve is U-shaped, but only just: the test loss at $\lambda = 300$ is about 2 %
# above the best. With 100 examples the span of the training inputs covers half of the directions,
# so a fit can explain about half of the signal, and throwing it away costs a lot: the validation loss
# chooses $\lambda = 1$, where the test loss is about 1.2, against about 2.2 at $\lambda = 300$ (no better than
# $w = 0$, whose test loss is about $\lVert w^*\rVert^2 = 2$) and over 100 at $\lambda = 0$. The training
# loss rises with $\lambda$, from below 0.01 to about 1.7: too much decay underfits.
#
# So the notes' claim holds when the data carry enough signal for a fit to beat the trivial model;
# on the notes' own problem it does not, and the best λ in the grid is simply the largest one.
