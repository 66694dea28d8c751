import torch

torch.manual_seed(0)

x = torch.ones(2, requires_grad=True)
print("x requires grad:         (x + 2).is_leaf", (x + 2).is_leaf)

x.requires_grad_(False)
print("x.requires_grad_(False): (x + 2).is_leaf", (x + 2).is_leaf)
