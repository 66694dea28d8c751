import torch

torch.manual_seed(0)

w = torch.full([1], 2, dtype=torch.float32, requires_grad=True)  # (1)!
print(w)
v = torch.full([1], 2.0, requires_grad=True)  # (2)!
print(v)
