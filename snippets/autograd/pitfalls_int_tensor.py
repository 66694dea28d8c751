import torch

torch.manual_seed(0)

print(torch.full([1], 2).dtype)  # (1)!
w = torch.full([1], 2, requires_grad=True)
