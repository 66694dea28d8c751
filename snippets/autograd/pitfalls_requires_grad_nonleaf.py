import torch

torch.manual_seed(0)

x = torch.ones(2, requires_grad=True)
y = x * 2  # (1)!
y.requires_grad_(False)
