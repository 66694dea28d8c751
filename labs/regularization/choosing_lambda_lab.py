# The code of the lab "choosing λ", written once for every language. Its prose is
# docs/<lang>/regularization/choosing_lambda_lab.md, which places each cell by its id
# (--8<-- "labs/regularization/choosing_lambda_lab.py:<id>"). The tests run it once.

# %% setup
import matplotlib.pyplot as plt
import torch

torch.manual_seed(0)
torch.set_num_threads(1)

# %% training
num_inputs, batch_size, num_epochs, lr = 200, 5, 100, 0.003


def synthetic_data(w, b, n):
    X = torch.normal(0.0, 1.0, (n, len(w)))
    y = X @ w + b + torch.normal(0.0, 0.01, (n, 1))
    return X, y


def make_data(weight, n_train, n_test=100, n_val=100):
    true_w = torch.full((num_inputs, 1), weight)
    train, test, val = [synthetic_data(true_w, 0.05, n)
                        for n in (n_train, n_test, n_val)]
    return train, val, test


def mse(w, b, X, y):
    return ((X @ w + b - y) ** 2).mean()


def train(wd, X, y, seed=1):
    torch.manual_seed(seed)  # same start and batch order for every lambda
    w = torch.normal(0.0, 1.0, (num_inputs, 1)).requires_grad_()
    b = torch.normal(0.0, 1.0, (1,)).requires_grad_()
    trainer = torch.optim.SGD([{"params": [w], "weight_decay": wd},
                               {"params": [b]}], lr=lr)
    for epoch in range(num_epochs):
        order = torch.randperm(len(X))
        for i in range(0, len(X), batch_size):
            idx = order[i:i + batch_size]
            trainer.zero_grad()
            mse(w, b, X[idx], y[idx]).backward()
            trainer.step()
    return w.detach(), b.detach()


lambdas = [0, 0.1, 0.3, 1, 3, 10, 30, 100, 300]
print(f"|1 - lr*wd| < 1 for wd < 2/lr = {2 / lr:.0f}; "
      f"1 - lr*wd = 0 at wd = 1/lr = {1 / lr:.0f}")


def sweep(data):
    (X_tr, y_tr), (X_va, y_va), (X_te, y_te) = data
    rows = []
    for wd in lambdas:
        w, b = train(wd, X_tr, y_tr)
        splits = ((X_tr, y_tr), (X_va, y_va), (X_te, y_te))
        losses = [mse(w, b, X, y).item() for X, y in splits]
        rows.append(losses + [w.norm().item(), b.item()])
    return rows

# %% sweep
data = make_data(weight=0.01, n_train=20)
rows = sweep(data)
print("lambda     train       val      test     |w|")
for wd, (tr, va, te, nw, _) in zip(lambdas, rows):
    # below 1e-8: rounding noise
    shown = f"{tr:9.2g}" if tr >= 1e-8 else f"{'< 1e-8':>9}"
    print(f"{wd:6g} {shown} {va:9.3g} {te:9.3g} {nw:7.3g}")

# %% plot
def plot_sweep(rows, title):
    fig, axes = plt.subplots(2, 1, figsize=(4.6, 5.6), sharex=True)
    for k, name in enumerate(["train", "val", "test"]):
        axes[0].plot(lambdas, [r[k] for r in rows], marker="o", label=name)
    axes[1].plot(lambdas, [r[3] for r in rows], marker="o")
    for ax, ylabel in zip(axes, ["loss", "||w||"]):
        ax.set_xscale("symlog", linthresh=0.1)
        ax.set_yscale("log")
        ax.set_ylabel(ylabel)
    axes[-1].set_xlabel("λ")
    axes[0].legend()
    fig.suptitle(title)
    fig.tight_layout()
    plt.show()


plot_sweep(rows, "true weights 0.01, 20 training examples")

# %% choose
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
print(f"bias at the chosen lambda: {bias_at_chosen:.3g}; "
      f"training mean of y: {y_tr.mean().item():.3g}")
print(f"test loss decreases at every step of the sweep: {test_decreasing}")
untouched = num_inputs - torch.linalg.matrix_rank(X_tr).item()
print(f"directions the {len(X_tr)} training inputs never touch: {untouched}")

# %% u-shape
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
train_rising = all(a < b for a, b in zip(train_u, train_u[1:]))
print(f"n_train = 100: train loss rises with lambda: {train_rising}; "
      f"at lambda = 300: {train_u[-1]:.2g}")
