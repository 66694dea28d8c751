# The code of the lab "choosing λ", written once for every language. Its prose is
# docs/<lang>/regularization/choosing_lambda_lab.md, which places each cell by its id
# (--8<-- "labs/regularization/choosing_lambda_lab.py:<id>"). The tests run it once.

# %% setup
import matplotlib.pyplot as plt
import torch

torch.manual_seed(0)
torch.set_num_threads(1)

# %% training
num_inputs, batch_size, lr = 200, 5, 0.003
lambdas = [0, 0.1, 0.3, 1, 3, 10, 30, 100, 300]
draws = range(5)


def make_data(weight=0.01, noise=0.01, n_train=20):
    """(X, y) of the training, validation and test sets of every draw, stacked:
    X has shape (draw, n, 200). Draw s uses seed 2s."""
    true_w = torch.full((num_inputs, 1), weight)
    train, val, test = [], [], []
    for s in draws:
        g = torch.Generator().manual_seed(2 * s)

        def synthetic(n):
            X = torch.normal(0.0, 1.0, (n, num_inputs), generator=g)
            return X, X @ true_w + 0.05 + torch.normal(0.0, noise, (n, 1), generator=g)

        # drawn in this order so that draw 0's training and test sets are the previous lab's
        train.append(synthetic(n_train))
        test.append(synthetic(100))
        val.append(synthetic(100))

    def stacked(pairs):  # [(X, y) of each draw] -> (X of every draw, y of every draw)
        return torch.stack([X for X, y in pairs]), torch.stack([y for X, y in pairs])

    return stacked(train), stacked(val), stacked(test)


def mse(w, b, X, y):
    """The loss of every run: X, y hold one set per draw; w, b one run per draw and lambda."""
    return ((X[:, None] @ w + b - y[:, None]) ** 2).mean(dim=(-2, -1))


def sgd(X, y, epochs, keep):
    """The previous lab's SGD, one run per (draw, lambda), all at once: w has shape
    (draw, lambda, 200, 1). Draw s starts and orders its batches from seed 2s + 1.
    Returns {epoch: (w, b)} for the epochs in keep."""
    n = X.shape[1]
    gens = [torch.Generator().manual_seed(2 * s + 1) for s in draws]
    w = torch.stack([torch.normal(0.0, 1.0, (num_inputs, 1), generator=g) for g in gens])
    b = torch.stack([torch.normal(0.0, 1.0, (1, 1), generator=g) for g in gens])
    orders = torch.stack([torch.stack([torch.randperm(n, generator=g) for _ in range(epochs)])
                          for g in gens])
    w = w[:, None].repeat(1, len(lambdas), 1, 1)
    b = b[:, None].repeat(1, len(lambdas), 1, 1)
    lam = torch.tensor(lambdas).view(1, -1, 1, 1)
    rows, kept = torch.arange(len(draws))[:, None], {}
    for epoch in range(1, epochs + 1):
        for i in range(0, n, batch_size):
            idx = orders[:, epoch - 1, i:i + batch_size]
            Xb, yb = X[rows, idx][:, None], y[rows, idx][:, None]
            r = Xb @ w + b - yb
            w = w - lr * (2 / batch_size * Xb.mT @ r + lam * w)  # gradient of the batch MSE, plus lambda w
            b = b - lr * 2 / batch_size * r.sum(dim=-2, keepdim=True)
        if epoch in keep:
            kept[epoch] = (w, b)
    return kept


def ridge(X, y):
    """What SGD ends up close to for lambda > 0, from any start: the one minimizer of
    mean((Xw + b - y)^2) + lambda/2 |w|^2, solved exactly (float64), per draw and lambda."""
    n = X.shape[1]
    Z = torch.cat([X, torch.ones(len(draws), n, 1)], dim=-1).double()  # inputs and a 1 for b
    P = torch.diag(torch.tensor([1.0] * num_inputs + [0.0], dtype=torch.float64))  # b not penalized
    lam = torch.tensor(lambdas[1:], dtype=torch.float64).view(1, -1, 1, 1)
    A = (2 / n * Z.mT @ Z)[:, None] + lam * P
    rhs = (2 / n * Z.mT @ y.double())[:, None].expand(-1, len(lambdas) - 1, -1, -1)
    theta = torch.linalg.solve(A, rhs)
    return theta[..., :-1, :].float(), theta[..., -1:, :].float()


# %% same-sgd
# draw 0, lambda = 3: the batched loop is the previous lab's torch.optim.SGD
(X_tr, y_tr), _, _ = make_data()
torch.manual_seed(1)
w1 = torch.normal(0.0, 1.0, (num_inputs, 1)).requires_grad_()
b1 = torch.normal(0.0, 1.0, (1,)).requires_grad_()
trainer = torch.optim.SGD([{"params": [w1], "weight_decay": 3}, {"params": [b1]}], lr=lr)
for epoch in range(100):
    for idx in torch.randperm(20).split(batch_size):
        trainer.zero_grad()
        ((X_tr[0, idx] @ w1 + b1 - y_tr[0, idx]) ** 2).mean().backward()
        trainer.step()
w_b, b_b = sgd(X_tr[:1].expand(len(draws), -1, -1), y_tr[:1].expand(len(draws), -1, -1), 100, (100,))[100]
same_sgd = max((w_b[0, 4] - w1).abs().max().item(), (b_b[0, 4, 0] - b1).abs().max().item())
print(f"draw 0, lambda = 3: max |batched - torch.optim.SGD| "
      f"{'< 1e-5' if same_sgd < 1e-5 else f'{same_sgd:.1e}'}")

# stability: the step multiplies an error along a direction of curvature h (of the batch
# loss, in w and b) by 1 - lr * (lambda + h); it never grows if lr * (lambda + h) < 2 for every h
batches = torch.combinations(torch.arange(20), r=batch_size)  # every batch of 5 of the 20
Z_batches = torch.cat([X_tr[0][batches], torch.ones(len(batches), batch_size, 1)], dim=-1)
h_max = torch.linalg.eigvalsh(2 / batch_size * Z_batches @ Z_batches.mT).max().item()
print(f"necessary: |1 - lr*wd| < 1, wd < 2/lr = {2 / lr:.0f}; 1 - lr*wd = 0 at wd = 1/lr = {1 / lr:.0f}")
print(f"largest curvature of a batch loss, over all {len(batches)} batches of draw 0: {h_max:.0f}; "
      f"sufficient: wd < 2/lr - {h_max:.0f} = {2 / lr - h_max:.0f}")

# %% sweep
train_set, val_set, test_set = make_data()  # true weights 0.01, 20 training examples
runs = sgd(*train_set, epochs=1000, keep=(100, 1000))
w, b = runs[100]
train_100 = mse(w, b, *train_set).tolist()  # [draw][lambda]
val_100 = mse(w, b, *val_set).tolist()
norm_100 = w.norm(dim=(-2, -1)).tolist()
print("draw 0, 100 epochs")
print("lambda     train       val     |w|       b")
for k, wd in enumerate(lambdas):
    tr, va = train_100[0][k], val_100[0][k]
    # below 1e-8: rounding noise
    shown = f"{tr:9.2g}" if tr >= 1e-8 else f"{'< 1e-8':>9}"
    print(f"{wd:6g} {shown} {va:9.3g} {norm_100[0][k]:7.3g} {b[0, k].item():7.3g}")
untouched = num_inputs - torch.linalg.matrix_rank(train_set[0][0]).item()
print(f"draw 0: directions the 20 training inputs never touch: {untouched}; "
      f"steps in 100 epochs: {100 * 20 // batch_size}")
val_falls = [all(a > b for a, b in zip(v, v[1:])) for v in val_100]
print("validation loss falls at every step of the grid, draws 0 to 4:", val_falls)

# %% plot
def plot_curves(ax, grid, curves, label, **style):
    """One line per draw, labelled once."""
    for s, curve in enumerate(curves):
        ax.plot(grid, curve, label=label if s == 0 else None, marker="o", ms=3, **style)


fig, axes = plt.subplots(2, 1, figsize=(4.6, 5.6), sharex=True)
plot_curves(axes[0], lambdas, train_100, "train", color="C0")
plot_curves(axes[0], lambdas, val_100, "val", color="C1")
plot_curves(axes[1], lambdas, norm_100, None, color="C0")
for ax, ylabel in zip(axes, ["loss", "||w||"]):
    ax.set_xscale("symlog", linthresh=0.1)
    ax.set_yscale("log")
    ax.set_ylabel(ylabel)
axes[0].legend()
axes[0].set_title("100 epochs, draws 0 to 4")
axes[-1].set_xlabel("λ")
fig.tight_layout()
plt.show()

# %% choose
def choose(val_loss, grid):
    """Per draw, the lambda with the lowest validation loss, and its index."""
    picks = [min(range(len(grid)), key=v.__getitem__) for v in val_loss]
    return [grid[k] for k in picks], picks


chosen, k100 = choose(val_100, lambdas)
print("chosen lambda (lowest validation loss), draws 0 to 4:", chosen)
# only now the test set
test_100 = mse(w, b, *test_set).tolist()
test_at_chosen = [t[k] for t, k in zip(test_100, k100)]
(X_tr, y_tr), (X_te, y_te) = train_set, test_set
test_mean_only = ((y_te - y_tr.mean(dim=1, keepdim=True)) ** 2).mean(dim=(1, 2)).tolist()
print("test loss at the chosen lambda:     ", " ".join(f"{v:.3g}" for v in test_at_chosen))
print("test loss of the training mean of y:", " ".join(f"{v:.3g}" for v in test_mean_only))
print("draw 0, test loss per lambda:", " ".join(f"{v:.3g}" for v in test_100[0]))
bias_at_chosen = b[0, k100[0]].item()
print(f"draw 0: b at the chosen lambda {bias_at_chosen:.3g}, "
      f"training mean of y {y_tr[0].mean().item():.3g}")

# %% converged
w_long, b_long = runs[1000]
w_cf, b_cf = ridge(*train_set)
chosen_long, k1000 = choose(mse(w_long, b_long, *val_set).tolist(), lambdas)
chosen_cf, kcf = choose(mse(w_cf, b_cf, *val_set).tolist(), lambdas[1:])
print("chosen lambda after 1000 epochs:          ", chosen_long)
print("chosen lambda at convergence (lambda > 0):", chosen_cf)
# only now the test set
test_long = mse(w_long, b_long, *test_set).tolist()
test_cf = mse(w_cf, b_cf, *test_set).tolist()  # lambda = 0.1 to 300
test_at_long = [t[k] for t, k in zip(test_long, k1000)]
test_at_cf = [t[k] for t, k in zip(test_cf, kcf)]
print("test loss at the choice, 100 epochs: ", " ".join(f"{v:.3g}" for v in test_at_chosen))
print("                         1000 epochs:", " ".join(f"{v:.3g}" for v in test_at_long))
print("                         converged:  ", " ".join(f"{v:.3g}" for v in test_at_cf))
print("converged test loss at lambda = 300: ", " ".join(f"{t[-1]:.3g}" for t in test_cf))
above_flat = [max(t[:3]) / min(t) - 1 for t in test_cf]
above_300 = [t[-1] / min(t) - 1 for t in test_cf]
print("converged, above the lowest: lambda <= 1 at most", " ".join(f"{v:.1%}" for v in above_flat),
      "; lambda = 300", " ".join(f"{v:.0%}" for v in above_300))
print("1000 epochs: lowest test loss at lambda", [lambdas[t.index(min(t))] for t in test_long])
print("draw 0, 1000 epochs, test loss per lambda:", " ".join(f"{v:.3g}" for v in test_long[0]))
print("draw 0, converged, test loss per lambda > 0:", " ".join(f"{v:.3g}" for v in test_cf[0]))
gap_long = max(abs(a / c - 1) for tl, tc in zip(test_long, test_cf) for a, c in zip(tl[5:], tc[4:]))
print(f"1000 epochs vs converged, lambda >= 10, largest relative gap: {gap_long:.0%}")

fig, axes = plt.subplots(3, 1, figsize=(4.6, 8), sharex=True)
for ax, curves, grid, title in ((axes[0], test_100, lambdas, "100 epochs"),
                                (axes[1], test_long, lambdas, "1000 epochs"),
                                (axes[2], test_cf, lambdas[1:], "converged")):
    ratios = [[v / m for v in c] for c, m in zip(curves, test_mean_only)]
    plot_curves(ax, grid, ratios, None, color="C2")
    ax.axhline(1, color="0.5", lw=0.8, ls="--")  # no better than the mean of y
    ax.set_xscale("symlog", linthresh=0.1)
    ax.set_yscale("log" if title != "converged" else "linear")
    ax.set_ylabel("test loss / mean predictor")
    ax.set_title(title)
axes[-1].set_xlabel("λ")
fig.tight_layout()
plt.show()

# %% u-shape
u_train, u_val, u_test = make_data(weight=0.1, noise=1.0, n_train=100)
w_u, b_u = sgd(*u_train, epochs=100, keep=(100,))[100]
w_ucf, b_ucf = ridge(*u_train)
chosen_u, ku = choose(mse(w_u, b_u, *u_val).tolist(), lambdas)
chosen_ucf, kucf = choose(mse(w_ucf, b_ucf, *u_val).tolist(), lambdas[1:])
print(f"true weights 0.1, label noise 1, 100 training examples: 100 epochs = {100 * 100 // batch_size} steps")
print("chosen lambda, 100 epochs:", chosen_u)
print("chosen lambda, converged: ", chosen_ucf)
# only now the test set
test_u = mse(w_u, b_u, *u_test).tolist()
test_ucf = mse(w_ucf, b_ucf, *u_test).tolist()
best_ucf = [lambdas[1:][t.index(min(t))] for t in test_ucf]
print("converged: lowest test loss at lambda", best_ucf)
u_at_choice = [t[k] for t, k in zip(test_ucf, kucf)]
for name, vals in (("at lambda = 0.1 ", [t[0] for t in test_ucf]), ("at the choice   ", u_at_choice),
                   ("lowest          ", [min(t) for t in test_ucf]), ("at lambda = 300 ", [t[-1] for t in test_ucf])):
    print(f"  converged test loss {name}", " ".join(f"{v:.3g}" for v in vals))
print("converged, above the lowest: lambda = 0.1", " ".join(f"{t[0] / min(t) - 1:.0%}" for t in test_ucf),
      "; lambda = 300", " ".join(f"{t[-1] / min(t) - 1:.0%}" for t in test_ucf))
print("100 epochs: test loss at the choice", " ".join(f"{t[k]:.3g}" for t, k in zip(test_u, ku)),
      "; at lambda = 0", " ".join(f"{t[0]:.3g}" for t in test_u))
u_mean_only = ((u_test[1] - u_train[1].mean(dim=1, keepdim=True)) ** 2).mean(dim=(1, 2)).tolist()
print("test loss of the training mean of y:", " ".join(f"{v:.3g}" for v in u_mean_only))

fig, ax = plt.subplots(figsize=(4.6, 3.4))
plot_curves(ax, lambdas[1:], [[v / m for v in t] for t, m in zip(test_ucf, u_mean_only)], None, color="C2")
ax.axhline(1, color="0.5", lw=0.8, ls="--")  # no better than the mean of y
ax.set_xscale("log")
ax.set_xlabel("λ")
ax.set_ylabel("test loss / mean predictor")
ax.set_title("converged, noise 1, 100 examples")
fig.tight_layout()
plt.show()
