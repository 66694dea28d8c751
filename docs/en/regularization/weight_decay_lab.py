# %% [markdown]
# # Lab: weight decay, by hand and in the optimizer
#
# This lab reruns the weight-decay experiment of the notes with nothing but `torch` and
# `matplotlib`: no `d2l`. We add the L2 penalty to the loss by hand, then let
# `torch.optim.SGD` do it through parameter groups, check that the two give the same
# weights, check what a single step does, and plot the loss curves. The numbers quoted in
# the text were produced when this page was built and are asserted by the repository's tests.

# %%
import matplotlib.pyplot as plt
import torch

torch.manual_seed(0)
torch.set_num_threads(1)

# %% [markdown]
# ## The data
#
# As in the notes: 200 inputs, but only 20 training examples (and 100 test examples).
# The targets are $y = 0.01\sum_j x_j + 0.05 + \varepsilon$ with $x_j \sim \mathcal N(0,1)$
# and noise $\varepsilon \sim \mathcal N(0, 0.01^2)$. With more inputs than examples, a linear
# model can fit the training set exactly in infinitely many ways.

# %%
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

# %% [markdown]
# ## Model, loss and batches
#
# The loss is the mean squared error without a factor $\tfrac12$, as `nn.MSELoss` computes it.
# Weights and bias start from $\mathcal N(0,1)$, as the notes' `param.data.normal_()`: the starting
# $\lVert w\rVert$ is about 14, a hundred times the true $\lVert w^*\rVert = 0.01\sqrt{200} \approx 0.14$.
# `init_params(seed)` reseeds, so every run below starts from the same weights and sees the
# batches in the same order.

# %%
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
        return mse(w, b, X_train, y_train).item(), mse(w, b, X_test, y_test).item()

# %% [markdown]
# ## The L2 penalty, added to the loss by hand
#
# Per minibatch $B$ we minimise
#
# $$
# L_\lambda(w, b) = \frac{1}{|B|}\sum_{i\in B}\bigl(x_i^\top w + b - y_i\bigr)^2 + \frac{\lambda}{2}\lVert w\rVert^2 .
# $$
#
# The penalty involves $w$ only: the bias is not decayed. Its gradient is $\lambda w$, so a plain SGD
# step is $w \leftarrow w - \eta(\nabla_w L + \lambda w) = (1-\eta\lambda)\,w - \eta\nabla_w L$, with learning rate $\eta$.

# %%
def train_by_hand(lambd, seed=1):
    w, b = init_params(seed)
    history = []
    for epoch in range(num_epochs):
        for idx in minibatches():
            loss = mse(w, b, X_train[idx], y_train[idx]) + lambd / 2 * (w ** 2).sum()
            loss.backward()
            with torch.no_grad():
                w -= lr * w.grad
                b -= lr * b.grad
            w.grad = None
            b.grad = None
        history.append(evaluate(w, b) + (w.norm().item(),))
    return w, b, history


w_hand, b_hand, hist_hand = train_by_hand(lambd=3)
print("train, test, |w| after 100 epochs:", hist_hand[-1])

# %% [markdown]
# ## The same training with `weight_decay` in parameter groups
#
# This is the optimizer of the notes: one group holds the weight with `weight_decay=wd`, the other
# the bias with the default `weight_decay=0`. `torch.optim.SGD` adds `wd * w` to the gradient before
# the step, which is the gradient of $\frac{wd}{2}\lVert w\rVert^2$. Started from the same weights and fed
# the same batches, the two trainings agree after all 400 steps to within float32 rounding
# (a maximum absolute difference below $10^{-6}$).

# %%
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
print(f"after {steps} steps: max |w_opt - w_hand| = {max_diff_equiv:.2e}")
print(f"max |b_opt - b_hand| = {(b_opt - b_hand).abs().max().item():.2e}")

# %% [markdown]
# ## What one step does
#
# Take one step by hand next to the optimizer: the new weight is the old one shrunk by the factor
# $1-\eta\lambda = 1 - 0.003\cdot 3 = 0.991$, minus the usual gradient step. That multiplicative shrink
# is where the name *weight decay* comes from. The weight agrees with the formula to within float32
# rounding (about $10^{-7}$ for entries of size about 1); the bias, in the group without decay,
# follows plain SGD to within float32 rounding.

# %%
wd = 3.0
w, b = init_params(seed=2)
trainer = torch.optim.SGD([{"params": [w], "weight_decay": wd}, {"params": [b]}], lr=lr)
X_batch, y_batch = X_train[:batch_size], y_train[:batch_size]
trainer.zero_grad()
mse(w, b, X_batch, y_batch).backward()
w_before, b_before = w.detach().clone(), b.detach().clone()
predicted_w = (1 - lr * wd) * w_before - lr * w.grad
predicted_b = b_before - lr * b.grad
trainer.step()
max_diff_step = (w.detach() - predicted_w).abs().max().item()
print(f"shrink factor 1 - lr*wd = {1 - lr * wd}")
print(f"max |w - ((1 - lr*wd) w_old - lr grad)| = {max_diff_step:.2e}")
print(f"max |b - (b_old - lr grad_b)| = {(b.detach() - predicted_b).abs().max().item():.2e}")

# %% [markdown]
# ## Loss curves and the weight norm, for λ = 0 and λ = 3
#
# Without decay the training loss falls below $10^{-8}$ (the model interpolates the 20 examples; what is
# left is float32 rounding error, whose digits vary from CPU to CPU), while the test loss stays around
# 200 and $\lVert w\rVert$ stays near 14. With $\lambda = 3$ (the large value of the notes) the training loss
# stays near $10^{-2}$, the test loss ends below 1 (about 0.7), and $\lVert w\rVert$ falls to about 0.43.

# %%
runs = {wd: train_with_optimizer(wd)[2] for wd in (0, 3)}
epochs = range(1, num_epochs + 1)
fig, axes = plt.subplots(1, 3, figsize=(12, 3.5))
for ax, wd in zip(axes, runs):
    ax.semilogy(epochs, [h[0] for h in runs[wd]], label="train")
    ax.semilogy(epochs, [h[1] for h in runs[wd]], label="test")
    ax.set_title(f"lambda = {wd}")
    ax.set_xlabel("epoch")
    ax.set_ylabel("loss")
    ax.legend()
for wd in runs:
    axes[2].semilogy(epochs, [h[2] for h in runs[wd]], label=f"lambda = {wd}")
axes[2].set_title("||w||")
axes[2].set_xlabel("epoch")
axes[2].legend()
fig.tight_layout()
plt.show()

train_wd0, test_wd0, norm_wd0 = runs[0][-1]
train_wd3, test_wd3, norm_wd3 = runs[3][-1]
print(f"lambda = 0: train {train_wd0:.2e}, test {test_wd0:.3g}, |w| {norm_wd0:.3g}")
print(f"lambda = 3: train {train_wd3:.2e}, test {test_wd3:.3g}, |w| {norm_wd3:.3g}")

# %% [markdown]
# ## Why the test loss at λ = 0 stays near 200
#
# A gradient of the data loss is a combination of the training inputs $x_i$, so it lies in their span:
# 20 of the 200 directions. In the other 180 directions the data never pushes the weights, and
# whatever the random start put there stays; test inputs do have components in those directions,
# hence a test loss of the order of $180 \times 1$ (we measured about 200). Weight decay is the only force acting there: it multiplies
# those components by $1-\eta\lambda$ at every step, $(0.991)^{400} \approx 0.027$ after 400 steps.
# Times the starting norm of about 14.6 that is at most about 0.39 (about 90 % of the starting
# weights lie in those 180 directions, so about 0.37): most of the final $\lVert w\rVert \approx 0.43$
# is what is left of the random start, not learned signal. $\lambda = 3$ is not large enough to
# remove it in 100 epochs; the next lab sweeps λ.
#
# **Differences from the notes.** The notes' code cannot run as printed: the loop lost its indentation,
# and `legend=['train''test']` lacks a comma, so Python joins the two strings into one label
# `'traintest'`. The notes also say weight decay is "usually applied to all parameters, biases
# included"; their own code, like this lab, leaves the bias out. `weight_decay` in
# `torch.optim.SGD` applies to every parameter of its group, so leaving the bias out takes a
# second group, as here.

# %%
w0, _ = init_params(seed=1)
norm_init = w0.norm().item()
factor = (1 - lr * 3) ** steps
print(f"|w| at the start: {norm_init:.3g}")
print(f"(1 - lr*wd)^steps = {factor:.3g}; times the start norm: {factor * norm_init:.3g}")
