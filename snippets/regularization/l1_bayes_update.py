import torch

torch.manual_seed(0)

X, y = torch.randn(8, 5), torch.randn(8, 1)
w = torch.randn(5, 1, requires_grad=True)
lr, lambd = 0.1, 0.5


def data_loss():
    return ((X @ w - y) ** 2).mean()


grad = torch.autograd.grad(data_loss(), w)[0]
by_formula = w.detach() - lr * (grad + lambd * torch.sign(w.detach()))  # (1)!

penalized = data_loss() + lambd * w.abs().sum()
by_autograd = w.detach() - lr * torch.autograd.grad(penalized, w)[0]  # (2)!
print(torch.equal(by_formula, by_autograd))
