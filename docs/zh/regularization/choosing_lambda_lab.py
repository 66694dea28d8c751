# %% [markdown]
# # 实验：选择 λ
#
# 笔记声称：随着 $\lambda$ 增大，测试表现先变好后变差。本实验在上一个实验的问题上（相同的数据、相同的初始值、相同的小批量）
# 扫描 $\lambda$，画出训练损失、验证损失、测试损失和 $\lVert w\rVert$ 随 $\lambda$ 的变化，在验证集上选出 $\lambda$，并检验这一说法。
#
# **验证集**是从同一分布另外生成的 100 个样本，而不是从训练数据中划出来的：从 20 个训练样本里拿走 5 个，
# 只剩 15 个，我们要调参的问题本身就变了。测试集与上一个实验相同，只在选定 $\lambda$ 之后才看。

# %%
import matplotlib.pyplot as plt
import torch

torch.manual_seed(0)
torch.set_num_threads(1)

# %% [markdown]
# ## 每个 λ 训练一次
#
# `train(wd, X, y)` 就是上一个实验中的优化器版本：带参数组的 SGD，只衰减权重，100 个轮次，学习率 0.003，
# 权重和偏置从 $\mathcal N(0,1)$ 出发。网格止于 $\lambda = 300$：衰减因子 $1 - \eta\lambda$ 必须留在 $(-1, 1)$ 内，
# 即 $\lambda < 2/\eta \approx 667$；而在 $\lambda = 1/\eta \approx 333$ 时，每一步都会把旧权重整个抹掉。

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
# ## 在笔记的问题上扫描

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
# 训练损失从 $10^{-8}$ 以下（舍入误差的水平）升到约 0.02 后就不再变化；$\lVert w\rVert$ 从 14 一路降到 0.01 以下。
# 测试损失**没有**回升：在网格的每一步都在下降，从 $\lambda = 0$ 时的约 200 降到 $\lambda = 300$ 时的约 0.03。验证损失也一样。

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
# ## 在验证集上选择 λ
#
# 验证损失选中 $\lambda = 300$，即网格中的最大值，此时测试损失约为 0.03。选中网格边缘本身就是一个警告：最优值可能在网格之外。
# 但这里没法再往外走多少（见上面的稳定性界），而且有一个更说明问题的对比：完全不看 $x$，对每个输入都预测训练集上 $y$ 的均值，
# 测试损失约为 0.02，*比*最好的 $\lambda$ 还低。差距的一部分来自偏置：它从 $\mathcal N(0,1)$ 出发，不做衰减，以学习率 0.003 走完 400 步后仍约为 0.15，
# 离平凡预测所用的训练集 $y$ 均值还很远。
#
# ## 为什么这里没有 U 形
#
# - **左半边**来自上一个实验讲过的随机初始化：数据从不触及的 180 个方向保留着 $\mathcal N(0,1)$ 的初值，除非衰减把它们清除，衰减越强清除得越多。
# - **右半边**本应是欠拟合，而在这个问题里欠拟合几乎没有代价。信号非常弱：$x^\top w^*$ 的方差是 $\lVert w^*\rVert^2 = 200 \cdot 0.01^2 = 0.02$；
#   在 200 维空间里只有 20 个样本，线性拟合最多只能恢复 $w^*$ 落在训练输入张成空间里的那部分，约占这个方差的 $20/200$。
#   所以"完全欠拟合"的模型 $w = 0$ 与最好可能的测试损失只差约 10%，把 $w$ 压到零也不会带来看得见的损失。

# %% [markdown]
# ## 一个曲线呈 U 形的设置
#
# 让欠拟合变得昂贵：真实权重取 0.1 而不是 0.01（信号方差为 2 而不是 0.02），其余不变；先用同样的 20 个训练样本，再用 100 个。

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
# 20 个样本时曲线是 U 形的，但很浅：$\lambda = 300$ 时的测试损失只比最好值高约 2%。有 100 个样本时，训练输入张成的空间占了一半方向，
# 拟合能解释约一半的信号，把它丢掉代价很大：验证损失选中 $\lambda = 1$，测试损失约 1.2；而 $\lambda = 300$ 时约为 2.2
# （不比 $w = 0$ 好，后者的测试损失约为 $\lVert w^*\rVert^2 = 2$），$\lambda = 0$ 时则超过 100。训练损失随 $\lambda$ 上升，从 0.01 以下升到约 1.7：
# 衰减过强就会欠拟合。
#
# 所以，当数据里的信号足以让拟合胜过平凡模型时，笔记的说法成立；在笔记自己的问题上则不成立，网格中最好的 λ 就是最大的那个。
