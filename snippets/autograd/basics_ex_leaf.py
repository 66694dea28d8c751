import torch

torch.manual_seed(0)

x = torch.ones(2, requires_grad=True)
print((x + 2).is_leaf)

x.requires_grad_(False)
print((x + 2).is_leaf)
