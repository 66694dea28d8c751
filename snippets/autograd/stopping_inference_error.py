import torch

torch.manual_seed(0)

w = torch.ones(2, requires_grad=True)
with torch.inference_mode():
    t = torch.tensor([1.0, 2.0])  # (1)!

print(t.is_inference())
y = t * w
