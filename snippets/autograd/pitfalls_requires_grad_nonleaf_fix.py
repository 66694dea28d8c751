import torch

torch.manual_seed(0)

x = torch.ones(2, requires_grad=True)
y = (x * 2).detach()  # (1)!
print("y.requires_grad:", y.requires_grad, " y.is_leaf:", y.is_leaf)
