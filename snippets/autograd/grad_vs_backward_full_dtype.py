import torch

torch.manual_seed(0)

print(torch.full([1], 2).dtype)
print(torch.full([1], 2.0).dtype)
