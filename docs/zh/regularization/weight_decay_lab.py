# %% [markdown]
# # 实验：权重衰减，手写与交给优化器
#
# 本实验只用 `torch` 和 `matplotlib`（不用 `d2l`）重跑笔记中的权重衰减实验：先把 L2 惩罚项手工加进损失函数，
# 再通过参数组交给 `torch.optim.SGD`，检查两者得到相同的权重，检查一步更新到底做了什么，最后画出损失曲线。
# 正文引用的数字都是构建本页时运行得到的，并由仓库中的测试断言。

# %%
import matplotlib.pyplot as plt
import torch

torch.manual_seed(0)
torch.set_num_threads(1)

# %% [markdown]
# ## 数据
#
# 与笔记相同：200 个输入特征，却只有 20 个训练样本（另有 100 个测试样本）。
# 目标值为 $y = 0.01\sum_j x_j + 0.05 + \varepsilon$，其中 $x_j \sim \mathcal N(0,1)$，
# 噪声 $\varepsilon \sim \mathcal N(0, 0.01^2)$。特征比样本多，线性模型可以用无穷多种方式把训练集拟合得分毫不差。

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
# ## 模型、损失函数与小批量
#
# 损失函数是不带 $\tfrac12$ 的均方误差，与 `nn.MSELoss` 一致。权重和偏置都从 $\mathcal N(0,1)$ 初始化，
# 对应笔记中的 `param.data.normal_()`：初始 $\lVert w\rVert$ 约为 14，是真实 $\lVert w^*\rVert = 0.01\sqrt{200} \approx 0.14$ 的一百倍。
# `init_params(seed)` 会重新设定种子，因此下面每次训练都从同一组权重出发，小批量的顺序也相同。

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
# ## 手工把 L2 惩罚项加进损失函数
#
# 对每个小批量 $B$，最小化
#
# $$
# L_\lambda(w, b) = \frac{1}{|B|}\sum_{i\in B}\bigl(x_i^\top w + b - y_i\bigr)^2 + \frac{\lambda}{2}\lVert w\rVert^2 .
# $$
#
# 惩罚项只含 $w$：偏置不做衰减。惩罚项的梯度是 $\lambda w$，所以一步普通 SGD（学习率 $\eta$）是
# $w \leftarrow w - \eta(\nabla_w L + \lambda w) = (1-\eta\lambda)\,w - \eta\nabla_w L$。

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
# ## 用参数组里的 `weight_decay` 做同样的训练
#
# 这就是笔记里的优化器：一个参数组放权重并设 `weight_decay=wd`，另一个放偏置，用默认的 `weight_decay=0`。
# `torch.optim.SGD` 在更新前把 `wd * w` 加到梯度上，这正是 $\frac{wd}{2}\lVert w\rVert^2$ 的梯度。
# 从同一组权重出发、喂入相同的小批量，两种训练在全部 400 步之后只差 float32 的舍入误差（最大绝对差小于 $10^{-6}$）。

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
# ## 一步更新做了什么
#
# 在优化器旁边手算一步：新权重等于旧权重先乘以 $1-\eta\lambda = 1 - 0.003\cdot 3 = 0.991$，再减去通常的梯度步。
# 这种按比例的收缩正是"权重衰减"名字的由来。权重与公式只差 float32 的舍入误差（对大小约为 1 的元素，约 $10^{-7}$）；
# 偏置所在的参数组没有衰减，它在 float32 舍入误差内与普通 SGD 一致。

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
# ## λ = 0 与 λ = 3 的损失曲线和权重范数
#
# 不加衰减时，训练损失降到 $10^{-8}$ 以下（模型把 20 个样本插值得分毫不差，剩下的只是 float32 的舍入误差，其具体数字随 CPU 而变），测试损失却一直在 200 左右，
# $\lVert w\rVert$ 也停在 14 附近。取 $\lambda = 3$（笔记中的大值）时，训练损失停在 $10^{-2}$ 量级，
# 测试损失最终低于 1（约 0.7），$\lVert w\rVert$ 降到约 0.43。

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
# ## 为什么 λ = 0 时测试损失停在 200 左右
#
# 数据损失的梯度是训练输入 $x_i$ 的线性组合，因此落在它们张成的子空间里：200 个方向中只占 20 个。
# 在其余 180 个方向上，数据从不推动权重，随机初始化放在那里的值会一直留着；而测试输入在这些方向上是有分量的，
# 于是测试损失是 $180 \times 1$ 的量级（实测约 200）。权重衰减是唯一作用于这些方向的力：每一步把这些分量乘以 $1-\eta\lambda$，
# 400 步后为 $(0.991)^{400} \approx 0.027$。乘以约 14.6 的初始范数，至多约为 0.39（初始权重约 90% 落在这 180 个方向上，所以约为 0.37）：最终 $\lVert w\rVert \approx 0.43$ 的大部分
# 是随机初始化的残留，而不是学到的信号。$\lambda = 3$ 还不足以在 100 个轮次内把它清除；下一个实验扫描 λ。
#
# **与笔记的不同。** 笔记中的代码照原样无法运行：循环丢了缩进，`legend=['train''test']` 少了一个逗号，
# Python 会把两个字符串拼成一个标签 `'traintest'`。笔记还说权重衰减"通常应用于所有的参数，包括偏置"；
# 可笔记自己的代码和本实验一样，没有衰减偏置。`torch.optim.SGD` 的 `weight_decay` 作用于所在参数组的每一个参数，
# 所以要把偏置排除在外，就得像这里一样另设一个参数组。

# %%
w0, _ = init_params(seed=1)
norm_init = w0.norm().item()
factor = (1 - lr * 3) ** steps
print(f"|w| at the start: {norm_init:.3g}")
print(f"(1 - lr*wd)^steps = {factor:.3g}; times the start norm: {factor * norm_init:.3g}")
