import torch

torch.manual_seed(0)

a = torch.randn(2, 2)
a = (a * 3) / (a - 1)  # (1)!
print("requires_grad:", a.requires_grad, " is_leaf:", a.is_leaf)
a.requires_grad_(True)  # (2)!
print("requires_grad:", a.requires_grad)
b = (a * a).sum()
print(b.grad_fn)
print("nn.Parameter requires_grad:", torch.nn.Parameter(torch.zeros(2)).requires_grad)  # (3)!
