import torch

torch.manual_seed(0)

x = torch.ones(2, 2, requires_grad=True)
y = x + 2
print(y)
print(y.grad_fn)  # (1)!
print("x.is_leaf", x.is_leaf, " y.is_leaf", y.is_leaf)
