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


def synthetic_data(w, b, n):
    X = torch.normal(0.0, 1.0, (n, len(w)))
    y = X @ w + b + torch.normal(0.0, 0.01, (n, 1))
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
        history.append(evaluate(w, b) + (w.norm().item(),))
    return w, b, history


w_hand, b_hand, hist_hand = train_by_hand(lambd=3)
print("train, test, |w| after 100 epochs:",
      ", ".join(f"{v:.3g}" for v in hist_hand[-1]))

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
        history.append(evaluate(w, b) + (w.norm().item(),))
    return w, b, history


w_opt, b_opt, hist_opt = train_with_optimizer(wd=3)
steps = num_epochs * (n_train // batch_size)
max_diff_equiv = (w_opt - w_hand).abs().max().item()
print(f"after {steps} steps: max |w_opt - w_hand| < 1e-6: "
      f"{max_diff_equiv < 1e-6}")
print(f"max |b_opt - b_hand| < 1e-6: "
      f"{(b_opt - b_hand).abs().max().item() < 1e-6}")

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
print(f"shrink factor 1 - lr*wd = {1 - lr * wd:.3f}")
print(f"max |w - ((1 - lr*wd) w_old - lr grad)| < 1e-6: "
      f"{max_diff_step < 1e-6}")
max_diff_b = (b.detach() - predicted_b).abs().max().item()
print(f"max |b - (b_old - lr grad_b)| < 1e-6: {max_diff_b < 1e-6}")
print(f"float32 spacing at 1: {torch.finfo(torch.float32).eps:.2g}")

# %% curves
runs = {wd: train_with_optimizer(wd)[2] for wd in (0, 3)}
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

train_wd0, test_wd0, norm_wd0 = runs[0][-1]
train_wd3, test_wd3, norm_wd3 = runs[3][-1]
for wd, train, test, norm in ((0, train_wd0, test_wd0, norm_wd0),
                              (3, train_wd3, test_wd3, norm_wd3)):
    # below 1e-8: rounding noise
    shown = f"{train:.2g}" if train >= 1e-8 else "< 1e-8"
    print(f"lambda = {wd}: train {shown}, test {test:.3g}, |w| {norm:.3g}")

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
