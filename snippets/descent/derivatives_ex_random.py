import torch

torch.manual_seed(0)


def f(w):
    return (w**2 * torch.arange(1, 6)).sum() + torch.sin(w).prod()


w = torch.randn(5, dtype=torch.float64, requires_grad=True)
f(w).backward()
grad = w.grad

U = torch.randn(100_000, 5, dtype=torch.float64)
U = U / U.norm(dim=1, keepdim=True)  # (1)!
D = U @ grad  # (2)!

print("gradient norm        ", grad.norm())
print("best of 100000 random", D.max())
print("ratio", D.max() / grad.norm(), bool(D.max() <= grad.norm()))
print("along grad / |grad|  ", grad @ (grad / grad.norm()))
