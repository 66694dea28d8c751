# The code of the lab "weight decay", written once for every language. Its prose is
# docs/<lang>/regularization/weight_decay_lab.md, which places each cell by its id
# (--8<-- "labs/regularization/weight_decay_lab.py:<id>"). The tests run it once.

# %% setup
import matplotlib.pyplot as plt
import torch

torch.manual_seed(0)
torch.set_num_threads(1)

# %% data
n_train, n_test, num_inputs, batch_size = 20, 100, 200, 5
true_w, true_b = torch.full((num_inputs, 1), 0.01), 0.05
num_epochs, lr = 100, 0.003


def synthetic_data(w, b, n, generator=None):
    X = torch.normal(0.0, 1.0, (n, len(w)), generator=generator)
    y = X @ w + b + torch.normal(0.0, 0.01, (n, 1), generator=generator)
    return X, y


X_train, y_train = synthetic_data(true_w, true_b, n_train)
X_test, y_test = synthetic_data(true_w, true_b, n_test)
print(X_train.shape, y_train.shape, X_test.shape)
print(f"|w*| = 0.01 * sqrt(200) = {true_w.norm().item():.3f}")

# %% model
def init_params(seed):
    torch.manual_seed(seed)  # same start and same batch order for every run
    w = torch.normal(0.0, 1.0, (num_inputs, 1)).requires_grad_()
    b = torch.normal(0.0, 1.0, (1,)).requires_grad_()
    return w, b


def mse(w, b, X, y):
    return ((X @ w + b - y) ** 2).mean()


def minibatches():
    order = torch.randperm(n_train)
    return [order[i:i + batch_size] for i in range(0, n_train, batch_size)]


def evaluate(w, b):
    with torch.no_grad():
        return (mse(w, b, X_train, y_train).item(),
                mse(w, b, X_test, y_test).item())

# %% by-hand
def train_by_hand(lambd, seed=1):
    w, b = init_params(seed)
    history = []
    for epoch in range(num_epochs):
        for idx in minibatches():
            penalty = lambd / 2 * (w ** 2).sum()
            loss = mse(w, b, X_train[idx], y_train[idx]) + penalty
            loss.backward()
            with torch.no_grad():
                w -= lr * w.grad
                b -= lr * b.grad
            w.grad = None
            b.grad = None
        history.append(evaluate(w, b) + (w.norm().item(), b.item()))
    return w, b, history


w_hand, b_hand, hist_hand = train_by_hand(lambd=3)
print("train, test, |w| after 100 epochs:",
      ", ".join(f"{v:.3g}" for v in hist_hand[-1][:3]))

# %% optimizer
def train_with_optimizer(wd, seed=1):
    w, b = init_params(seed)
    trainer = torch.optim.SGD([
        {"params": [w], "weight_decay": wd},
        {"params": [b]},  # no weight decay on the bias
    ], lr=lr)
    history = []
    for epoch in range(num_epochs):
        for idx in minibatches():
            trainer.zero_grad()
            mse(w, b, X_train[idx], y_train[idx]).backward()
            trainer.step()
        history.append(evaluate(w, b) + (w.norm().item(), b.item()))
    return w, b, history


def bound(diff, tol=1e-6):
    """A difference at rounding level, shown as its bound: its digits vary from CPU to CPU."""
    return f"< {tol:.0e}" if diff < tol else f"{diff:.1e}"


w_opt, b_opt, hist_opt = train_with_optimizer(wd=3)
steps = num_epochs * (n_train // batch_size)
max_diff_equiv = (w_opt - w_hand).abs().max().item()
max_diff_equiv_b = (b_opt - b_hand).abs().max().item()
print(f"after {steps} steps: max |w_opt - w_hand| {bound(max_diff_equiv)}, "
      f"max |b_opt - b_hand| {bound(max_diff_equiv_b)}")

# %% one-step
wd = 3.0
w, b = init_params(seed=2)
trainer = torch.optim.SGD([{"params": [w], "weight_decay": wd},
                           {"params": [b]}], lr=lr)
X_batch, y_batch = X_train[:batch_size], y_train[:batch_size]
trainer.zero_grad()
mse(w, b, X_batch, y_batch).backward()
w_before, b_before = w.detach().clone(), b.detach().clone()
predicted_w = (1 - lr * wd) * w_before - lr * w.grad
predicted_b = b_before - lr * b.grad
trainer.step()
max_diff_step = (w.detach() - predicted_w).abs().max().item()
max_diff_b = (b.detach() - predicted_b).abs().max().item()
print(f"shrink factor 1 - lr*wd = {1 - lr * wd:.3f}")
print(f"max |w - ((1 - lr*wd) w_old - lr grad)| {bound(max_diff_step)}")
print(f"max |b - (b_old - lr grad_b)| {bound(max_diff_b)}")
print(f"float32 spacing at 1: {torch.finfo(torch.float32).eps:.2g}")

# %% curves
runs = {0: train_with_optimizer(0)[2], 3: hist_opt}  # lambda = 3 was trained above
epochs = range(1, num_epochs + 1)
fig, axes = plt.subplots(3, 1, figsize=(4.6, 8), sharex=True)
for ax, wd in zip(axes, runs):
    ax.semilogy(epochs, [h[0] for h in runs[wd]], label="train")
    ax.semilogy(epochs, [h[1] for h in runs[wd]], label="test")
    ax.set_title(f"λ = {wd}")
    ax.set_ylabel("loss")
    ax.legend()
for wd in runs:
    axes[2].semilogy(epochs, [h[2] for h in runs[wd]], label=f"λ = {wd}")
axes[2].set_title("||w||")
axes[2].set_xlabel("epoch")
axes[2].legend()
fig.tight_layout()
plt.show()

train_wd0, test_wd0, norm_wd0, b_wd0 = runs[0][-1]
train_wd3, test_wd3, norm_wd3, b_wd3 = runs[3][-1]
b_start = init_params(seed=1)[1].item()
for wd, train, test, norm, bias in ((0, train_wd0, test_wd0, norm_wd0, b_wd0),
                                    (3, train_wd3, test_wd3, norm_wd3, b_wd3)):
    # below 1e-8: rounding noise
    shown = f"{train:.2g}" if train >= 1e-8 else "< 1e-8"
    print(f"lambda = {wd}: train {shown}, test {test:.3g}, |w| {norm:.3g}, "
          f"b {b_start:.2f} -> {bias:.3f}")
test_wd3_half = runs[3][num_epochs // 2 - 1][1]
print(f"lambda = 3, test loss at epoch {num_epochs // 2}: {test_wd3_half:.3g}, "
      f"at epoch {num_epochs}: {test_wd3:.3g}")

# %% leftover-norm
w0, _ = init_params(seed=1)
norm_init = w0.norm().item()
factor = (1 - lr * 3) ** steps
print(f"|w| at the start: {norm_init:.3g}")
print(f"(1 - lr*wd)^steps = {factor:.3g}; "
      f"times the start norm: {factor * norm_init:.3g}")

untouched = num_inputs - torch.linalg.matrix_rank(X_train).item()
# an orthonormal basis of the 20 directions the data push
span, _ = torch.linalg.qr(X_train.T)


def off_span(v):
    return (v - span @ (span.T @ v)).norm().item()


share_init = off_span(w0.detach()) ** 2 / norm_init ** 2
leftover_predicted = factor * off_span(w0.detach())
leftover_trained = off_span(w_opt.detach())
print(f"directions the data never push: {untouched}; "
      f"share of |w|^2 at the start in them: {share_init:.0%}")
print(f"|w| in them after {steps} steps: {leftover_predicted:.2g} predicted, "
      f"{leftover_trained:.2g} trained")

# %% starts
draws = range(5)
starts = ["w ~ N(0,1), b ~ N(0,1)", "w ~ N(0,1), b = 0     ",
          "w = 0,      b ~ N(0,1)", "w = 0,      b = 0     "]


def draw(s):
    """Draw s: data from seed 2s, start and batch order from seed 2s + 1.
    Draw 0 is the data, start and batches above."""
    data = torch.Generator().manual_seed(2 * s)
    (X_tr, y_tr), (X_te, y_te) = [synthetic_data(true_w, true_b, n, data)
                                  for n in (n_train, n_test)]
    g = torch.Generator().manual_seed(2 * s + 1)
    w0 = torch.normal(0.0, 1.0, (num_inputs, 1), generator=g)
    b0 = torch.normal(0.0, 1.0, (1, 1), generator=g)
    orders = torch.stack([torch.randperm(n_train, generator=g)
                          for _ in range(num_epochs)])
    return X_tr, y_tr, X_te, y_te, w0, b0, orders


X_tr, y_tr, X_te, y_te, w0s, b0s, orders = [torch.stack(t) for t in
                                            zip(*[draw(s) for s in draws])]
# one run per (draw, start, lambda), all at once: w has shape (5, 4, 2, 200, 1)
w = torch.stack([w0s, w0s, 0 * w0s, 0 * w0s], dim=1)[:, :, None].repeat(1, 1, 2, 1, 1)
b = torch.stack([b0s, 0 * b0s, b0s, 0 * b0s], dim=1)[:, :, None].repeat(1, 1, 2, 1, 1)
theta_start = torch.cat([w, b], dim=-2)[:, :, 0]  # (w, b) at the start, per draw and start
lam = torch.tensor([0.0, 3.0]).view(1, 1, 2, 1, 1)
rows = torch.arange(len(draws))[:, None]
for epoch in range(num_epochs):
    for i in range(0, n_train, batch_size):
        idx = orders[:, epoch, i:i + batch_size]
        Xb, yb = X_tr[rows, idx][:, None, None], y_tr[rows, idx][:, None, None]
        r = Xb @ w + b - yb
        w = w - lr * (2 / batch_size * Xb.mT @ r + lam * w)  # gradient of the batch MSE, plus lambda w
        b = b - lr * 2 / batch_size * r.sum(dim=-2, keepdim=True)


def test_loss(w, b):
    """Test loss of every run; w, b have the draw as their first dimension."""
    X = X_te.view(len(draws), *[1] * (w.dim() - 3), n_test, num_inputs)
    y = y_te.view(X.shape[:-1] + (1,))
    return ((X @ w + b - y) ** 2).mean(dim=(-2, -1))


print(f"{w.shape[:3].numel()} runs (draw, start, lambda), {steps} steps each, trained at once")
test_starts = test_loss(w, b)  # (draw, start, lambda)
test_starts_list = test_starts.tolist()
same_as_above = max(abs(test_starts[0, 0, 0].item() - test_wd0) / test_wd0,
                    abs(test_starts[0, 0, 1].item() - test_wd3) / test_wd3)
print(f"draw 0, first start: the runs above (relative difference {bound(same_as_above, 1e-4)})")
print(f"test loss after {num_epochs} epochs, draws 0 to 4:")
for k, wd in enumerate((0, 3)):
    print(f"lambda = {wd}")
    for j, name in enumerate(starts):
        print(f"  {name} ", " ".join(f"{v:7.3g}" for v in test_starts[:, j, k].tolist()))
b_notes_start = b[:, 0, 1, 0, 0].tolist()
print("b after 100 epochs, lambda = 3, first start:",
      " ".join(f"{v:.3g}" for v in b_notes_start))

# %% converged
Z = torch.cat([X_tr, torch.ones(len(draws), n_train, 1)], dim=-1).double()  # inputs and a 1 for b
print(f"unknowns (200 weights and b): {Z.shape[-1]}")
P = torch.diag(torch.tensor([1.0] * num_inputs + [0.0], dtype=torch.float64))  # no penalty on b


def ridge(lambd, P=P):
    """The one minimizer of mean((Xw + b - y)^2) + lambd/2 (w, b)^T P (w, b) of every draw, solved exactly."""
    theta = torch.linalg.solve(2 / n_train * Z.mT @ Z + lambd * P, 2 / n_train * Z.mT @ y_tr.double())
    return theta[:, :-1].float(), theta[:, -1:].float()


w_ridge, b_ridge = ridge(3)
test_ridge = test_loss(w_ridge, b_ridge)
# lambda = 0: SGD only moves (w, b) along the 20 rows of Z, so it ends at the start
# minus its component along them that does not fit: theta0 - Z^T (Z Z^T)^-1 (Z theta0 - y)
Zs, theta0 = Z[:, None], theta_start.double()
limit = theta0 - Zs.mT @ torch.linalg.solve(Zs @ Zs.mT, Zs @ theta0 - y_tr.double()[:, None])
test_limit = test_loss(limit[..., :-1, :].float(), limit[..., -1:, :].float())
change_wd0 = ((test_limit - test_starts[:, :, 0]).abs() / test_limit).max().item()
print(f"lambda = 0: test loss at the limit vs after {num_epochs} epochs, "
      f"largest relative change: {bound(change_wd0, 1e-3)}")
test_ridge_list, b_ridge_list = test_ridge.tolist(), b_ridge[:, 0, 0].tolist()
print("lambda = 3, converged (closed form, from every start):",
      " ".join(f"{v:.3g}" for v in test_ridge_list))
print("b there:", " ".join(f"{v:.3g}" for v in b_ridge_list))
# the penalty alone: lambda = 3 against lambda -> 0 (1e-6), b treated the same way in both
all_of_theta = torch.eye(Z.shape[-1], dtype=torch.float64)  # b in the penalty too
w_free0, b_free0 = ridge(1e-6)  # the interpolant of smallest |w|, b free
penalty_b_free = (test_ridge / test_loss(w_free0, b_free0) - 1).tolist()
penalty_b_too = (test_loss(*ridge(3, all_of_theta)) / test_loss(*ridge(1e-6, all_of_theta)) - 1).tolist()
print("converged, lambda = 3 vs lambda -> 0: b free", " ".join(f"{v:+.1%}" for v in penalty_b_free),
      "; b in the penalty too", " ".join(f"{v:+.1%}" for v in penalty_b_too))
# the bias: from zero without decay, SGD ends at the interpolant of smallest |(w, b)|
b_free0_list, b_zero_list = b_free0[:, 0, 0].tolist(), limit[:, 3, -1, 0].tolist()
y_test_mean = y_te.mean(dim=(1, 2)).tolist()
print("b, lambda -> 0: free", " ".join(f"{v:.3g}" for v in b_free0_list),
      "; from zero without decay", " ".join(f"{v:.2g}" for v in b_zero_list))
print("mean of the test targets:", " ".join(f"{v:.3g}" for v in y_test_mean))
bias_ratio = (test_loss(w_free0, b_free0) / test_limit[:, 3]).tolist()
print("test loss, lambda -> 0, b free / from zero without decay:", " ".join(f"{v:.2f}" for v in bias_ratio))
notes_vs_zero = (test_starts[:, 0, 1] / test_starts[:, 3, 0]).tolist()
print("notes' lambda = 3 run / lambda = 0 from zero:", " ".join(f"{v:.0f}" for v in notes_vs_zero))

# %% module
net = torch.nn.Sequential(torch.nn.Linear(num_inputs, 1))
decay = [p for name, p in net.named_parameters() if p.ndim > 1]  # weight matrices
no_decay = [p for name, p in net.named_parameters() if p.ndim <= 1]  # biases (and norm layers' weights)
trainer = torch.optim.SGD([{"params": decay, "weight_decay": 3},
                           {"params": no_decay, "weight_decay": 0}], lr=lr)
decay_per_group = [g["weight_decay"] for g in trainer.param_groups]
print([(name, tuple(p.shape)) for name, p in net.named_parameters()])
print("weight_decay per group:", decay_per_group)
