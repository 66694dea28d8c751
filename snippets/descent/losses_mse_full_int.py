import torch

torch.manual_seed(0)

w = torch.full([1], 2)  # (1)!
print(w, w.dtype)
w.requires_grad_()
